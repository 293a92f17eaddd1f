package org.poxledger.ledger.memory;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded ledger's durability: an append-only file of committed transactions, one {@link JournalCodec} line each,
 * forced to disk before the commit is acknowledged and replayed when the ledger opens. A crash can only tear the line
 * being written; that tail is cut off at open (with a warning) so the next append starts on a clean line. Anything
 * else unreadable is corruption and stops the open. The file is locked while open, so two ledgers cannot interleave.
 */
final class TransactionJournal implements CommitJournal, Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionJournal.class);
    private static final byte NEWLINE = '\n';

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean broken;

    private TransactionJournal(final Path path, final FileChannel channel, final FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Opens (or creates) the journal and hands every transaction in it, in order, to {@code replay}.
     *
     * @throws UncheckedIOException when the file cannot be read, locked or repaired
     * @throws IllegalStateException when a line other than the last is unreadable
     */
    static TransactionJournal open(final Path path, final Consumer<CommittedTransaction> replay) {
        final boolean created = !Files.exists(path);
        FileChannel channel = null;
        try {
            final Path directory = path.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            channel = FileChannel.open(
                    path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            final FileLock lock = lockOrFail(channel, path);
            final long goodLength = replay(path, channel, replay);
            if (goodLength < channel.size()) {
                LOG.warn(
                        "Journal {}: discarded a torn last transaction ({} bytes) left by an interrupted write",
                        path,
                        channel.size() - goodLength);
                channel.truncate(goodLength);
                channel.force(true);
            }
            channel.position(goodLength);
            if (created) {
                syncDirectory(directory);
            }
            return new TransactionJournal(path, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot open the ledger journal " + path, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public synchronized void append(final CommittedTransaction transaction) {
        if (broken) {
            throw new IllegalStateException("journal " + path + " failed an earlier write and accepts no more");
        }
        final byte[] json = JournalCodec.encode(transaction);
        final ByteBuffer line =
                ByteBuffer.allocate(json.length + 1).put(json).put(NEWLINE).flip();
        long start = -1;
        try {
            start = channel.position();
            while (line.hasRemaining()) {
                channel.write(line);
            }
            channel.force(false);
        } catch (IOException e) {
            undo(start);
            throw new UncheckedIOException(
                    "cannot journal transaction " + transaction.txId() + " to " + path + "; it is not committed", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the ledger journal " + path, e);
        }
    }

    /**
     * Replays every whole, readable line.
     *
     * @return the length of that prefix; what follows is a torn tail: an unterminated line or an unreadable last one
     */
    private static long replay(final Path path, final FileChannel channel, final Consumer<CommittedTransaction> replay)
            throws IOException {
        final ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
        final ByteArrayOutputStream line = new ByteArrayOutputStream();
        long offset = 0;
        long good = 0;
        int lineNumber = 0;
        IllegalArgumentException unreadable = null;
        for (int read = channel.read(chunk, 0); read > 0; read = channel.read(chunk.clear(), offset)) {
            for (int i = 0; i < read; i++) {
                final byte next = chunk.get(i);
                offset++;
                if (unreadable != null) {
                    throw new IllegalStateException(
                            "journal " + path + " is corrupt at line " + lineNumber + ": " + unreadable.getMessage(),
                            unreadable);
                }
                if (next != NEWLINE) {
                    line.write(next);
                    continue;
                }
                lineNumber++;
                final CommittedTransaction transaction;
                try {
                    transaction = JournalCodec.decode(line.toString(StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    unreadable = e; // fatal only if anything follows it
                    continue;
                } finally {
                    line.reset();
                }
                replay.accept(transaction);
                good = offset;
            }
        }
        return good;
    }

    private void undo(final long start) {
        try {
            if (start >= 0) {
                channel.truncate(start);
                channel.position(start);
                channel.force(false);
            } else {
                broken = true;
            }
        } catch (IOException e) {
            // The file may now end in a partial line that a later append would run into; refuse further appends.
            broken = true;
        }
    }

    private static FileLock lockOrFail(final FileChannel channel, final Path path) throws IOException {
        try {
            final FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IllegalStateException("journal " + path + " is in use by another process");
            }
            return lock;
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("journal " + path + " is already open in this JVM", e);
        }
    }

    /** Makes a new journal's directory entry durable too (POSIX); where a directory cannot be opened, skip it. */
    private static void syncDirectory(final Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform can fsync a directory (Windows); the file's own contents are still forced.
        }
    }

    private static void closeQuietly(final FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Already failing with the original error.
            }
        }
    }
}
