package dev.svod.media.hls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads what packaging and the playlists need from a fragmented MP4 (ISO BMFF) with one track:
 * the initialisation section, the RFC 6381 codec string, the timescale and every fragment
 * ({@code moof}+{@code mdat}) with its decode time, duration, sample count and whether (and where)
 * it starts with a key frame.
 *
 * <p>Written here because no maintained Java library on our class path reads fMP4 fragments; the
 * format subset is small (ISO/IEC 14496-12 {@code tfhd}/{@code tfdt}/{@code trun}, 14496-15
 * {@code avcC}, 14496-1 {@code esds}).
 */
public final class Fmp4 {
  private static final int SAMPLE_IS_NON_SYNC = 0x00010000;

  /** A top-level box. */
  public record Box(String type, long offset, long size) {
    public long end() {
      return offset + size;
    }
  }

  /**
   * A movie fragment: {@code moof} followed by its {@code mdat}.
   *
   * @param offset file offset of the {@code moof}
   * @param end file offset just after the {@code mdat}
   * @param decodeTime {@code tfdt} base media decode time, in timescale units
   * @param duration sum of the sample durations, in timescale units
   * @param sampleCount samples in the fragment
   * @param startsWithKeyFrame the first sample is a sync sample
   * @param firstSampleEnd file offset just after the first sample's data
   */
  public record Fragment(long offset, long end, long decodeTime, long duration, int sampleCount,
      boolean startsWithKeyFrame, long firstSampleEnd) {
    public long size() {
      return end - offset;
    }
  }

  /**
   * The parsed file.
   *
   * @param initEnd the initialisation section is bytes {@code [0, initEnd)}: everything before the first fragment
   * @param codecs RFC 6381 codec string of the track
   * @param timescale track timescale ({@code mdhd})
   * @param fragments every fragment in file order
   */
  public record Parsed(long initEnd, String codecs, long timescale, List<Fragment> fragments) {}

  private Fmp4() {}

  /** Top-level boxes of {@code data}. */
  static List<Box> boxes(ByteBuffer data, long from, long to) {
    List<Box> out = new ArrayList<>();
    long at = from;
    while (at + 8 <= to) {
      long size = Integer.toUnsignedLong(data.getInt((int) at));
      String type = fourcc(data, at + 4);
      if (size == 1) {
        size = data.getLong((int) at + 8);
      } else if (size == 0) {
        size = to - at;
      }
      if (size < 8 || at + size > to) {
        throw new IllegalArgumentException("malformed MP4 box '" + type + "' at " + at);
      }
      out.add(new Box(type, at, size));
      at += size;
    }
    return out;
  }

  /**
   * Parses a fragmented MP4 file. Only box headers, {@code moov} and the {@code moof}s are read, never
   * the media data, so hours of video cost a few megabytes of reading.
   */
  public static Parsed parse(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      ByteBuffer moov = null;
      ByteBuffer moof = null;
      long moofAt = -1;
      long initEnd = -1;
      List<ByteBuffer> pendingMoofs = new ArrayList<>();
      List<long[]> fragmentsAt = new ArrayList<>();
      long at = 0;
      while (at + 8 <= size) {
        ByteBuffer header = read(channel, at, (int) Math.min(16, size - at));
        long boxSize = Integer.toUnsignedLong(header.getInt(0));
        String type = fourcc(header, 4);
        if (boxSize == 1) {
          boxSize = header.getLong(8);
        } else if (boxSize == 0) {
          boxSize = size - at;
        }
        if (boxSize < 8 || at + boxSize > size) {
          throw new IOException("malformed MP4 box '" + type + "' at " + at + " in " + file.getFileName());
        }
        switch (type) {
          case "moov" -> moov = read(channel, at, Math.toIntExact(boxSize));
          case "moof" -> {
            if (initEnd < 0) {
              initEnd = at;
            }
            moof = read(channel, at, Math.toIntExact(boxSize));
            moofAt = at;
          }
          case "mdat" -> {
            if (moof != null) {
              pendingMoofs.add(moof);
              fragmentsAt.add(new long[] {moofAt, at, at + boxSize});
              moof = null;
            }
          }
          default -> { }
        }
        at += boxSize;
      }
      if (moov == null) {
        throw new IOException("no moov box in " + file.getFileName() + ": not an fMP4 file");
      }
      Box moovBox = new Box("moov", 0, moov.limit());
      Box mdia = child(moov, child(moov, moovBox, "trak"), "mdia");
      long timescale = timescale(moov, child(moov, mdia, "mdhd"));
      String codecs = codecs(moov, child(moov, child(moov, child(moov, mdia, "minf"), "stbl"), "stsd"));
      Box trex = child(moov, child(moov, moovBox, "mvex"), "trex");
      long trexDuration = trex == null ? 0 : Integer.toUnsignedLong(moov.getInt((int) trex.offset() + 20));
      int trexFlags = trex == null ? 0 : moov.getInt((int) trex.offset() + 28);
      List<Fragment> fragments = new ArrayList<>();
      for (int i = 0; i < pendingMoofs.size(); i++) {
        long[] pos = fragmentsAt.get(i);
        fragments.add(fragment(pendingMoofs.get(i), pos[0], pos[1], pos[2], trexDuration, trexFlags));
      }
      return new Parsed(initEnd < 0 ? size : initEnd, codecs, timescale, List.copyOf(fragments));
    } catch (RuntimeException e) {
      throw new IOException("malformed fMP4 " + file.getFileName() + ": " + e.getMessage(), e);
    }
  }

  private static ByteBuffer read(FileChannel channel, long at, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, at + buffer.position()) < 0) {
        throw new IOException("unexpected end of file");
      }
    }
    return buffer.flip();
  }

  /** One fragment; {@code d} holds the moof (offset 0 = moofAt), positions returned are file offsets. */
  private static Fragment fragment(ByteBuffer d, long moofAt, long mdatAt, long mdatEnd, long trexDuration,
      int trexFlags) {
    Box moof = new Box("moof", 0, d.limit());
    Box traf = child(d, moof, "traf");
    Box tfhd = child(d, traf, "tfhd");
    int tfhdFlags = d.getInt((int) tfhd.offset() + 8) & 0xffffff;
    int at = (int) tfhd.offset() + 16; // after the track id
    long baseOffset = moofAt; // default-base-is-moof, and the default without a base offset
    if ((tfhdFlags & 0x01) != 0) {
      baseOffset = d.getLong(at);
      at += 8;
    }
    if ((tfhdFlags & 0x02) != 0) {
      at += 4;
    }
    long defaultDuration = trexDuration;
    if ((tfhdFlags & 0x08) != 0) {
      defaultDuration = Integer.toUnsignedLong(d.getInt(at));
      at += 4;
    }
    long defaultSize = 0;
    if ((tfhdFlags & 0x10) != 0) {
      defaultSize = Integer.toUnsignedLong(d.getInt(at));
      at += 4;
    }
    int defaultFlags = trexFlags;
    if ((tfhdFlags & 0x20) != 0) {
      defaultFlags = d.getInt(at);
    }
    Box tfdt = child(d, traf, "tfdt");
    long decodeTime = 0;
    if (tfdt != null) {
      int version = d.get((int) tfdt.offset() + 8);
      decodeTime = version == 1 ? d.getLong((int) tfdt.offset() + 12)
          : Integer.toUnsignedLong(d.getInt((int) tfdt.offset() + 12));
    }
    Box trun = child(d, traf, "trun");
    int flags = d.getInt((int) trun.offset() + 8) & 0xffffff;
    int count = d.getInt((int) trun.offset() + 12);
    int p = (int) trun.offset() + 16;
    long dataOffset = mdatAt + 8 - baseOffset;
    if ((flags & 0x01) != 0) {
      dataOffset = d.getInt(p);
      p += 4;
    }
    Integer firstFlags = null;
    if ((flags & 0x04) != 0) {
      firstFlags = d.getInt(p);
      p += 4;
    }
    long duration = 0;
    long firstSize = defaultSize;
    int firstSampleFlags = firstFlags != null ? firstFlags : defaultFlags;
    for (int s = 0; s < count; s++) {
      long sampleDuration = defaultDuration;
      long sampleSize = defaultSize;
      if ((flags & 0x100) != 0) {
        sampleDuration = Integer.toUnsignedLong(d.getInt(p));
        p += 4;
      }
      if ((flags & 0x200) != 0) {
        sampleSize = Integer.toUnsignedLong(d.getInt(p));
        p += 4;
      }
      if ((flags & 0x400) != 0) {
        if (s == 0 && firstFlags == null) {
          firstSampleFlags = d.getInt(p);
        }
        p += 4;
      }
      if ((flags & 0x800) != 0) {
        p += 4;
      }
      if (s == 0) {
        firstSize = sampleSize;
      }
      duration += sampleDuration;
    }
    long firstSampleStart = baseOffset + dataOffset;
    return new Fragment(moofAt, mdatEnd, decodeTime, duration, count,
        (firstSampleFlags & SAMPLE_IS_NON_SYNC) == 0, firstSampleStart + firstSize);
  }

  private static long timescale(ByteBuffer d, Box mdhd) {
    int version = d.get((int) mdhd.offset() + 8);
    return Integer.toUnsignedLong(d.getInt((int) mdhd.offset() + (version == 1 ? 28 : 20)));
  }

  /** The RFC 6381 string of the first sample entry: {@code avc1.PPCCLL} from avcC or {@code mp4a.OO.A} from esds. */
  static String codecs(ByteBuffer d, Box stsd) {
    String entry = fourcc(d, stsd.offset() + 20);
    int from = (int) stsd.offset() + 16;
    int to = (int) stsd.end();
    if (entry.equals("avc1") || entry.equals("avc3")) {
      int avcC = indexOf(d, "avcC", from, to);
      if (avcC < 0) {
        throw new IllegalArgumentException("avc1 sample entry without avcC");
      }
      int c = avcC + 4;
      return String.format(Locale.ROOT, "%s.%02x%02x%02x", entry,
          d.get(c + 1) & 0xff, d.get(c + 2) & 0xff, d.get(c + 3) & 0xff);
    }
    if (entry.equals("mp4a")) {
      int esds = indexOf(d, "esds", from, to);
      if (esds < 0) {
        throw new IllegalArgumentException("mp4a sample entry without esds");
      }
      return mp4aCodecs(d, esds + 8, to);
    }
    return entry;
  }

  /** Walks the ES_Descriptor to the DecoderConfigDescriptor and the AudioSpecificConfig. */
  private static String mp4aCodecs(ByteBuffer d, int at, int to) {
    int objectType = -1;
    int p = at;
    while (p < to) {
      int tag = d.get(p++) & 0xff;
      int length = 0;
      for (int i = 0; i < 4; i++) {
        int b = d.get(p++) & 0xff;
        length = (length << 7) | (b & 0x7f);
        if ((b & 0x80) == 0) {
          break;
        }
      }
      if (tag == 0x03) { // ES_Descriptor: ES_ID, flags, optional fields, then nested descriptors
        int esFlags = d.get(p + 2) & 0xff;
        p += 3;
        if ((esFlags & 0x80) != 0) {
          p += 2;
        }
        if ((esFlags & 0x40) != 0) {
          p += 1 + (d.get(p) & 0xff);
        }
        if ((esFlags & 0x20) != 0) {
          p += 2;
        }
      } else if (tag == 0x04) { // DecoderConfigDescriptor: object type, then 12 bytes, then nested
        objectType = d.get(p) & 0xff;
        p += 13;
      } else if (tag == 0x05) { // DecoderSpecificInfo: AudioSpecificConfig
        int audioObjectType = (d.get(p) & 0xff) >> 3;
        if (audioObjectType == 31) {
          audioObjectType = 32 + (((d.get(p) & 0x07) << 3) | ((d.get(p + 1) & 0xff) >> 5));
        }
        return String.format(Locale.ROOT, "mp4a.%02x.%d", objectType, audioObjectType);
      } else {
        p += length;
      }
    }
    return objectType < 0 ? "mp4a" : String.format(Locale.ROOT, "mp4a.%02x", objectType);
  }

  private static int indexOf(ByteBuffer d, String fourcc, int from, int to) {
    byte[] needle = fourcc.getBytes(StandardCharsets.ISO_8859_1);
    for (int i = from; i + 4 <= to; i++) {
      if (d.get(i) == needle[0] && d.get(i + 1) == needle[1] && d.get(i + 2) == needle[2] && d.get(i + 3) == needle[3]) {
        return i;
      }
    }
    return -1;
  }

  private static Box child(ByteBuffer d, Box parent, String type) {
    if (parent == null) {
      return null;
    }
    return find(boxes(d, parent.offset() + 8, parent.end()), type);
  }

  private static Box find(List<Box> boxes, String type) {
    return boxes.stream().filter(b -> b.type().equals(type)).findFirst().orElse(null);
  }

  private static String fourcc(ByteBuffer d, long at) {
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      b[i] = d.get((int) at + i);
    }
    return new String(b, StandardCharsets.ISO_8859_1);
  }
}
