package dev.svod.media.ffmpeg;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a bundled FFmpeg shared library load on a Linux machine that lacks one of its optional
 * system dependencies (the bytedeco build links {@code libavdevice} against PulseAudio, ALSA and XCB
 * for capture devices we never use).
 *
 * <p>It rewrites, in the extracted copy only, the {@code DT_NEEDED} name of the missing library to a
 * library that is always loaded ({@code libc.so.6}) and marks the symbol versions needed from it as
 * weak, so the dynamic loader no longer refuses to start. This is safe only because every reference
 * into such a library is a lazily bound PLT call ({@code JUMP_SLOT}) that runs only when the
 * matching capture device is opened, which the media code never does. A reference the loader binds
 * eagerly would still fail at start-up, which {@link FfmpegTools} detects by running {@code ffmpeg
 * -version} after patching. We patch the few bytes ourselves because {@code patchelf} is not something
 * we may require on the user's machine. 64-bit little-endian ELF only (x86_64 and arm64).
 */
final class ElfDependencyPatcher {
  private static final int PT_LOAD = 1;
  private static final int PT_DYNAMIC = 2;
  private static final long DT_NULL = 0;
  private static final long DT_NEEDED = 1;
  private static final long DT_STRTAB = 5;
  private static final long DT_VERNEED = 0x6ffffffeL;
  private static final long DT_VERNEEDNUM = 0x6fffffffL;
  private static final int VER_FLG_WEAK = 0x2;
  static final String REPLACEMENT = "libc.so.6";

  private ElfDependencyPatcher() {}

  /** The {@code DT_NEEDED} names of an ELF file, empty when it is not a 64-bit LE ELF. */
  static List<String> neededLibraries(Path file) throws IOException {
    Elf elf = Elf.read(file);
    return elf == null ? List.of() : elf.needed().stream().map(n -> n.name).toList();
  }

  /**
   * Replaces the dependency {@code missing} of {@code file} by {@link #REPLACEMENT}.
   *
   * @return true when the file was patched, false when it does not need {@code missing}
   */
  static boolean patch(Path file, String missing) throws IOException {
    Elf elf = Elf.read(file);
    if (elf == null || missing.length() < REPLACEMENT.length()) {
      return false;
    }
    Needed target = elf.needed().stream().filter(n -> n.name.equals(missing)).findFirst().orElse(null);
    if (target == null) {
      return false;
    }
    ByteBuffer b = elf.buffer;
    int at = (int) (elf.strtab + target.nameOffset);
    byte[] replacement = REPLACEMENT.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < missing.length(); i++) {
      b.put(at + i, i < replacement.length ? replacement[i] : 0);
    }
    // Versions required from the missing file become weak: not finding them is then not fatal.
    long verneed = elf.verneedOffset;
    for (int n = 0; n < elf.verneedCount && verneed >= 0; n++) {
      int entry = (int) verneed;
      int count = Short.toUnsignedInt(b.getShort(entry + 2));
      long file0 = Integer.toUnsignedLong(b.getInt(entry + 4));
      long aux = entry + Integer.toUnsignedLong(b.getInt(entry + 8));
      if (file0 == target.nameOffset) {
        for (int a = 0; a < count; a++) {
          int flagsAt = (int) aux + 4;
          b.putShort(flagsAt, (short) (b.getShort(flagsAt) | VER_FLG_WEAK));
          aux += Integer.toUnsignedLong(b.getInt((int) aux + 12));
        }
      }
      long next = Integer.toUnsignedLong(b.getInt(entry + 12));
      verneed = next == 0 ? -1 : verneed + next;
    }
    Files.write(file, b.array());
    return true;
  }

  private record Needed(String name, long nameOffset) {}

  private record Elf(ByteBuffer buffer, long strtab, List<Needed> needed, long verneedOffset, long verneedCount) {
    static Elf read(Path file) throws IOException {
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length < 64 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F'
          || bytes[4] != 2 || bytes[5] != 1) {
        return null;
      }
      ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      long phoff = b.getLong(0x20);
      int phentsize = Short.toUnsignedInt(b.getShort(0x36));
      int phnum = Short.toUnsignedInt(b.getShort(0x38));
      List<long[]> loads = new ArrayList<>();
      long dynOffset = -1;
      long dynSize = 0;
      for (int i = 0; i < phnum; i++) {
        int ph = (int) (phoff + (long) i * phentsize);
        int type = b.getInt(ph);
        long offset = b.getLong(ph + 8);
        long vaddr = b.getLong(ph + 16);
        long filesz = b.getLong(ph + 32);
        if (type == PT_LOAD) {
          loads.add(new long[] {vaddr, offset, filesz});
        } else if (type == PT_DYNAMIC) {
          dynOffset = offset;
          dynSize = filesz;
        }
      }
      if (dynOffset < 0) {
        return null;
      }
      long strtabAddr = -1;
      long verneedAddr = -1;
      long verneedNum = 0;
      List<Long> neededOffsets = new ArrayList<>();
      for (long at = dynOffset; at + 16 <= dynOffset + dynSize; at += 16) {
        long tag = b.getLong((int) at);
        long val = b.getLong((int) at + 8);
        if (tag == DT_NULL) {
          break;
        } else if (tag == DT_NEEDED) {
          neededOffsets.add(val);
        } else if (tag == DT_STRTAB) {
          strtabAddr = val;
        } else if (tag == DT_VERNEED) {
          verneedAddr = val;
        } else if (tag == DT_VERNEEDNUM) {
          verneedNum = val;
        }
      }
      long strtab = toFileOffset(loads, strtabAddr);
      if (strtab < 0) {
        return null;
      }
      List<Needed> needed = new ArrayList<>();
      for (long off : neededOffsets) {
        int start = (int) (strtab + off);
        int end = start;
        while (end < bytes.length && bytes[end] != 0) {
          end++;
        }
        needed.add(new Needed(new String(bytes, start, end - start, StandardCharsets.US_ASCII), off));
      }
      return new Elf(b, strtab, needed, verneedAddr < 0 ? -1 : toFileOffset(loads, verneedAddr), verneedNum);
    }

    private static long toFileOffset(List<long[]> loads, long vaddr) {
      for (long[] load : loads) {
        if (vaddr >= load[0] && vaddr < load[0] + load[2]) {
          return vaddr - load[0] + load[1];
        }
      }
      return -1;
    }
  }
}
