package dev.svod.local.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium driven through its own chromedriver: explicit paths, so Selenium never downloads
 * a browser or a driver. Where Chromium is missing the browser tests are skipped with the reason,
 * except in CI ({@code CI=true}), where they must run and therefore fail.
 */
final class Chromium {

  /** Where screenshots of the pages go for review (module-relative, as Failsafe runs in the module). */
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private static final String INSTALL_HINT = "install it with: apt-get install -y chromium chromium-driver";

  private Chromium() {}

  /** Starts a headless Chromium with a fresh profile, or skips (fails in CI) when there is none. */
  static ChromeDriver start() {
    Optional<Path> browser = executable("VOD_CHROMIUM", "/usr/bin/chromium", "chromium");
    Optional<Path> driver = executable("VOD_CHROMEDRIVER", "/usr/bin/chromedriver", "chromedriver");
    requireInstalled(browser, driver);

    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser.orElseThrow().toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--user-data-dir=" + freshProfile());
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(driver.orElseThrow().toFile())
        .usingAnyFreePort()
        .build();
    return new ChromeDriver(service, options);
  }

  /** Skips with the reason, or fails when {@code CI=true}: CI must run the browser tests. */
  static void requireInstalled(Optional<Path> browser, Optional<Path> driver) {
    if (browser.isPresent() && driver.isPresent()) {
      return;
    }
    String missing = browser.isEmpty()
        ? "Chromium (/usr/bin/chromium, or VOD_CHROMIUM)"
        : "chromedriver (/usr/bin/chromedriver, or VOD_CHROMEDRIVER)";
    String reason = "Browser tests need " + missing + "; " + INSTALL_HINT;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(reason + " (CI=true: browser tests must run, not skip)");
    }
    Assumptions.abort(reason);
  }

  /**
   * Saves a screenshot of the whole page under {@link #SCREENSHOTS}: the window grows to the
   * page's height for the shot (so hover states may not survive it; see {@link #viewportScreenshot}).
   */
  static Path screenshot(ChromeDriver driver, String name) {
    Dimension viewport = driver.manage().window().getSize();
    Number height = (Number) ((JavascriptExecutor) driver)
        .executeScript("return document.documentElement.scrollHeight");
    try {
      driver.manage().window().setSize(new Dimension(viewport.getWidth(), Math.max(viewport.getHeight(), height.intValue() + 140)));
      return viewportScreenshot(driver, name);
    } finally {
      driver.manage().window().setSize(viewport);
    }
  }

  /** Saves a screenshot of what the window shows now, hover states included. */
  static Path viewportScreenshot(ChromeDriver driver, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JUnit extension that leaves {@code failed-<test>.png} of the page a scenario failed on. */
  static TestWatcher screenshotOnFailure(Supplier<ChromeDriver> driver) {
    return new TestWatcher() {
      @Override
      public void testFailed(ExtensionContext context, Throwable cause) {
        if (driver.get() != null) {
          screenshot(driver.get(), "failed-" + context.getRequiredTestMethod().getName());
        }
      }
    };
  }

  /** Throttles uploads (bytes per second) through DevTools network emulation; -1 lifts it. */
  static void throttleUploads(ChromeDriver driver, long bytesPerSecond) {
    emulateNetwork(driver, false, bytesPerSecond);
  }

  /** Drops the network as a lost connection would ({@code navigator.onLine} false, requests fail). */
  static void goOffline(ChromeDriver driver) {
    emulateNetwork(driver, true, -1);
  }

  private static void emulateNetwork(ChromeDriver driver, boolean offline, long uploadBytesPerSecond) {
    driver.executeCdpCommand("Network.enable", Map.of());
    driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of(
        "offline", offline,
        "latency", 0,
        "downloadThroughput", -1,
        "uploadThroughput", uploadBytesPerSecond));
  }

  /** The browser console, for failure messages. */
  static String consoleLog(ChromeDriver driver) {
    StringBuilder out = new StringBuilder();
    driver.manage().logs().get(LogType.BROWSER)
        .forEach(entry -> out.append(entry.getLevel()).append(' ').append(entry.getMessage()).append('\n'));
    return out.toString();
  }

  private static Optional<Path> executable(String variable, String debianPath, String command) {
    String override = System.getenv(variable);
    if (override != null && !override.isBlank()) {
      return Optional.of(Path.of(override)).filter(Files::isExecutable);
    }
    Path debian = Path.of(debianPath);
    if (Files.isExecutable(debian)) {
      return Optional.of(debian);
    }
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(java.io.File.pathSeparator))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, command))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static Path freshProfile() {
    try {
      Path profile = Files.createTempDirectory("svod-chromium-");
      profile.toFile().deleteOnExit();
      return profile;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
