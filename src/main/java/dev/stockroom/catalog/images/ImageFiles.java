package dev.stockroom.catalog.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploaded files on disk: {@code <data-dir>/images/<store id>/<name>}. Names are made here, never
 * taken from the client: the owner ({@code p12} for product 12, {@code c3} category, {@code b3}
 * brand, {@code v7} variant, {@code m9} modifier value), 16 random hex digits, and the extension of
 * the detected type. A resized copy is named after its original, with the size before its own
 * extension ({@code p12-3fa9c1d2e4b5a6f7-zoom.png}). A name that does not have exactly one of these
 * shapes is never opened.
 */
final class ImageFiles {
  private static final Logger LOG = LoggerFactory.getLogger(ImageFiles.class);
  private static final Pattern NAME =
      Pattern.compile(
          "[pcbvm][0-9]{1,19}-[0-9a-f]{16}"
              + "(?:\\.(?:bmp|gif|jpg|png|wbmp|xbm|webp)" // an upload
              + "|-(?:zoom|standard|thumbnail|tiny)\\.(?:jpg|png))"); // a resized copy

  private final Path root;
  private final SecureRandom random = new SecureRandom();

  ImageFiles(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  static boolean validName(String name) {
    return NAME.matcher(name).matches();
  }

  /** The owner prefix of a stored name ({@code c3} for {@code c3-….png}). */
  static String owner(String name) {
    return name.substring(0, name.indexOf('-'));
  }

  /** The name of the copy of {@code original} (an upload's name) resized to {@code size}. */
  static String copyName(String original, ImageSize size) {
    int dot = original.lastIndexOf('.');
    ImageType type = ImageType.ofExtension(original.substring(dot + 1)).orElse(ImageType.PNG);
    return original.substring(0, dot) + "-" + size.suffix() + "." + type.copyType().extension();
  }

  /**
   * Writes {@code data} under a fresh name and returns it. The file is complete and synced before
   * it gets its name, so a row that names it never points at half a file.
   */
  String save(long storeId, String owner, ImageType type, byte[] data) {
    byte[] r = new byte[8];
    random.nextBytes(r);
    String name = owner + "-" + HexFormat.of().formatHex(r) + "." + type.extension();
    write(storeId, name, data);
    return name;
  }

  /** Writes the copy of {@code original} resized to {@code size}, synced; returns its name. */
  String saveCopy(long storeId, String original, ImageSize size, byte[] data) {
    String name = copyName(original, size);
    write(storeId, name, data);
    return name;
  }

  private void write(long storeId, String name, byte[] data) {
    Path dir = storeDir(storeId);
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".upload-", ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(data);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("storing an image of store " + storeId + " failed", e);
    }
  }

  /** The bytes of a stored file; empty for a name of the wrong shape or a missing file. */
  Optional<byte[]> read(long storeId, String name) {
    if (!validName(name)) {
      return Optional.empty();
    }
    Path file = storeDir(storeId).resolve(name).normalize();
    if (!file.startsWith(storeDir(storeId)) || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty(); // deleted since the check
    } catch (IOException e) {
      throw new UncheckedIOException("reading image " + name + " failed", e);
    }
  }

  /**
   * Deletes stored files (after the rows that named them are gone), each upload with its resized
   * copies. Best effort: a file that cannot be deleted is logged, and is unreachable anyway once no
   * row names it (its name is random).
   */
  void delete(long storeId, List<String> names) {
    for (String name : names) {
      if (!validName(name)) {
        continue;
      }
      deleteFile(storeId, name);
      boolean original = name.indexOf('-') == name.lastIndexOf('-'); // a copy has two
      boolean decodable =
          ImageType.ofExtension(name.substring(name.lastIndexOf('.') + 1))
              .map(t -> t.imageIoFormat() != null)
              .orElse(false);
      if (original && decodable) {
        for (ImageSize size : ImageSize.values()) {
          deleteFile(storeId, copyName(name, size));
        }
      }
    }
  }

  private void deleteFile(long storeId, String name) {
    try {
      Files.deleteIfExists(storeDir(storeId).resolve(name));
    } catch (IOException e) {
      LOG.warn("could not delete image file {} of store {}", name, storeId, e);
    }
  }

  /** Removes a deleted store's folder with every file in it. */
  void deleteStore(long storeId) {
    Path dir = storeDir(storeId);
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.warn("could not remove the image folder of deleted store {}", storeId, e);
    }
  }

  private Path storeDir(long storeId) {
    return root.resolve(Long.toString(storeId));
  }
}
