# Sourced by ./mvnw, ./vod and .ci/run: points JAVA_HOME at a JDK 21 or newer.
# Order: JAVA_HOME if it is new enough, else the newest JDK under /usr/lib/jvm
# (or /Library/Java/JavaVirtualMachines on macOS). Fails with a clear message.
svod_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = //p' | head -n 1 | cut -d. -f1
}
svod_find_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(svod_java_major "$JAVA_HOME")
    if [ "${major:-0}" -ge 21 ] 2>/dev/null; then return 0; fi
  fi
  for candidate in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(svod_java_major "$candidate")
    if [ "${major:-0}" -ge 21 ] 2>/dev/null && [ "$major" -gt "$best_major" ]; then
      best="$candidate"; best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "error: Serverless VOD needs a JDK 21 or newer; none found (JAVA_HOME='${JAVA_HOME:-}', searched /usr/lib/jvm)." >&2
    echo "       Install one (e.g. Temurin 21) and set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
svod_find_jdk || exit 1
