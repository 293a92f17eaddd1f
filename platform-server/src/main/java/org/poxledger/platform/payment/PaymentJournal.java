package org.poxledger.platform.payment;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an accepted payment becomes durable before its receipt goes out: an append-only journal with group commit.
 * One appender thread takes every payment accepted since its last write, appends one line per channel (its highest
 * word: it implies the lower ones, each being a hash of it), forces the file to disk once ({@code fsync}) and then
 * completes the payments' futures. While one force runs, the next batch gathers, so at low load a batch is one
 * payment and at high load hundreds share one {@code fsync} (~2 ms here, where a Neo4j commit took 40–900 ms under
 * the same load).
 *
 * <p>The book in Neo4j ({@link ChannelBook}) is brought up to date behind the journal by a second thread, many
 * channels per transaction; a journal segment is deleted once everything in it is in the book. At start, before any
 * payment is accepted, whatever segments are left (a crash, a kill -9) are replayed into the book, whose writes only
 * ever move a channel forward, so replaying twice changes nothing.
 *
 * <p>One server per journal directory: a lock file refuses a second one.
 *
 * <p>Line format, UTF-8: {@code <channelId> <index> <word> <acceptedAt> <payments>\n}; a line without its newline is
 * the torn tail of a write that was never acknowledged and is skipped.
 */
final class PaymentJournal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PaymentJournal.class);
    private static final Pattern SEGMENT = Pattern.compile("payments-(\\d{12})\\.journal");

    /** A segment is closed and a new one begun beyond this size, so checkpointed segments can be deleted. */
    static final long SEGMENT_BYTES = 16L * 1024 * 1024;

    /** Bounds one fsync's batch and one Neo4j transaction. */
    static final int MAX_BATCH = 4_000;

    private final Path directory;
    private final ChannelBook book;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final BlockingQueue<Pending> appends = new LinkedBlockingQueue<>();
    private final BlockingQueue<Checkpoint> checkpoints = new LinkedBlockingQueue<>();
    private final Thread appender;
    private final Thread checkpointer;
    private volatile long currentSegment;
    private volatile boolean closed;
    private FileChannel segment;
    private long segmentBytes;

    /** A payment waiting for its fsync. */
    private record Pending(BrokeredChannel accepted, CompletableFuture<Void> durable) {}

    /** Words durable in the journal, to be written to the book; {@code words == null} asks the thread to stop. */
    private record Checkpoint(long segment, List<ChannelBook.AcceptedWord> words, CompletableFuture<Void> flushed) {}

    private static final Pending STOP = new Pending(null, null);

    /**
     * Takes the directory's lock, replays what a previous run left into the book, and starts a fresh segment.
     *
     * @throws IllegalStateException when another server holds the directory
     */
    PaymentJournal(Path directory, ChannelBook book) {
        this.directory = directory;
        this.book = book;
        try {
            Files.createDirectories(directory);
            this.lockChannel =
                    FileChannel.open(directory.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock taken;
            try {
                taken = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                taken = null;
            }
            this.lock = taken;
            if (lock == null) {
                lockChannel.close();
                throw new IllegalStateException("another server uses the payment journal in " + directory
                        + "; give each instance its own pox.payment.journal-dir");
            }
            this.currentSegment = recover() + 1;
            openSegment();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the payment journal in " + directory, e);
        }
        this.appender = Thread.ofPlatform().name("payment-journal").daemon(true).start(this::appendLoop);
        this.checkpointer =
                Thread.ofPlatform().name("payment-checkpoint").daemon(true).start(this::checkpointLoop);
    }

    /**
     * Queues the channel's new highest word. Callers on one channel enqueue in the order they accepted (under the
     * channel's lock), which is the order their words reach the journal.
     *
     * @return completes once the word is forced to disk, exceptionally when the write failed
     */
    CompletableFuture<Void> record(BrokeredChannel accepted) {
        CompletableFuture<Void> durable = new CompletableFuture<>();
        if (closed) {
            durable.completeExceptionally(new IllegalStateException("the payment journal is closed"));
            return durable;
        }
        appends.add(new Pending(accepted, durable));
        return durable;
    }

    /** @return replays every segment left into the book, deletes them, and answers the highest segment number */
    private long recover() throws IOException {
        List<Path> segments = segments();
        long highest = 0;
        Map<String, ChannelBook.AcceptedWord> words = new HashMap<>();
        for (Path file : segments) {
            highest = Math.max(highest, number(file));
            for (ChannelBook.AcceptedWord word : read(file)) {
                words.merge(word.channelId(), word, ChannelBook.AcceptedWord::merge);
            }
        }
        if (!words.isEmpty()) {
            List<ChannelBook.AcceptedWord> all = List.copyOf(words.values());
            for (int from = 0; from < all.size(); from += MAX_BATCH) {
                book.recordAccepted(all.subList(from, Math.min(all.size(), from + MAX_BATCH)));
            }
            log.info(
                    "payment journal: replayed {} channels' accepted words from {} segments into the book",
                    words.size(),
                    segments.size());
        }
        for (Path file : segments) {
            Files.delete(file);
        }
        return highest;
    }

    private static List<ChannelBook.AcceptedWord> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<ChannelBook.AcceptedWord> words = new ArrayList<>();
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; start = end + 1, end = text.indexOf('\n', start)) {
            String[] fields = text.substring(start, end).split(" ");
            if (fields.length == 5) {
                words.add(new ChannelBook.AcceptedWord(
                        fields[0],
                        Long.parseLong(fields[1]),
                        fields[2],
                        Long.parseLong(fields[3]),
                        Long.parseLong(fields[4])));
            }
        }
        if (start < text.length()) {
            log.warn("payment journal {}: torn last line skipped (a write never acknowledged)", file);
        }
        return words;
    }

    private void appendLoop() {
        List<Pending> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(appends.take());
            } catch (InterruptedException e) {
                continue;
            }
            appends.drainTo(batch, MAX_BATCH - 1);
            stopping = batch.remove(STOP);
            if (!batch.isEmpty()) {
                append(batch);
            }
            batch.clear();
        }
        appends.drainTo(batch);
        batch.remove(STOP);
        for (Pending pending : batch) {
            pending.durable().completeExceptionally(new IllegalStateException("the payment journal is closed"));
        }
    }

    private void append(List<Pending> batch) {
        Map<String, ChannelBook.AcceptedWord> highest = new HashMap<>();
        for (Pending pending : batch) {
            BrokeredChannel channel = pending.accepted();
            highest.merge(
                    channel.channelId(),
                    new ChannelBook.AcceptedWord(
                            channel.channelId(),
                            channel.acceptedIndex(),
                            channel.acceptedWord(),
                            channel.acceptedAt(),
                            1),
                    ChannelBook.AcceptedWord::merge);
        }
        StringBuilder lines = new StringBuilder(highest.size() * 120);
        for (ChannelBook.AcceptedWord word : highest.values()) {
            lines.append(word.channelId())
                    .append(' ')
                    .append(word.index())
                    .append(' ')
                    .append(word.word())
                    .append(' ')
                    .append(word.at())
                    .append(' ')
                    .append(word.payments())
                    .append('\n');
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                segmentBytes += segment.write(bytes);
            }
            segment.force(false);
        } catch (IOException | RuntimeException e) {
            log.error("payment journal: {} accepted payments not written: {}", batch.size(), e.getMessage());
            for (Pending pending : batch) {
                pending.durable()
                        .completeExceptionally(new UncheckedIOException(
                                "the payment could not be recorded",
                                e instanceof IOException io ? io : new IOException(e)));
            }
            return;
        }
        checkpoints.add(new Checkpoint(currentSegment, List.copyOf(highest.values()), null));
        for (Pending pending : batch) {
            pending.durable().complete(null);
        }
        if (segmentBytes >= SEGMENT_BYTES) {
            rollSegment();
        }
    }

    private void rollSegment() {
        try {
            segment.close();
            currentSegment++;
            openSegment();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot begin payment journal segment " + currentSegment, e);
        }
    }

    private void openSegment() throws IOException {
        segment = FileChannel.open(
                directory.resolve("payments-%012d.journal".formatted(currentSegment)),
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        segmentBytes = 0;
        // the new file's directory entry must survive a crash too
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            log.debug("payment journal: directory {} cannot be forced here: {}", directory, e.getMessage());
        }
    }

    private void checkpointLoop() {
        Map<String, ChannelBook.AcceptedWord> pending = new HashMap<>();
        List<Checkpoint> taken = new ArrayList<>();
        while (true) {
            // read before draining: every word of a segment before this one is queued already
            long appending = currentSegment;
            try {
                taken.add(checkpoints.take());
            } catch (InterruptedException e) {
                continue;
            }
            checkpoints.drainTo(taken);
            boolean stopping = false;
            List<CompletableFuture<Void>> flushed = new ArrayList<>();
            for (Checkpoint checkpoint : taken) {
                if (checkpoint.words() == null) {
                    stopping = true;
                    flushed.add(checkpoint.flushed());
                } else {
                    checkpoint
                            .words()
                            .forEach(word -> pending.merge(word.channelId(), word, ChannelBook.AcceptedWord::merge));
                }
            }
            taken.clear();
            if (!pending.isEmpty() && writeToBook(pending)) {
                pending.clear();
                deleteSegmentsBefore(appending);
            }
            flushed.forEach(done -> done.complete(null));
            if (stopping) {
                return;
            }
        }
    }

    /** @return whether the book now holds every pending word (else they are tried again with the next batch) */
    private boolean writeToBook(Map<String, ChannelBook.AcceptedWord> pending) {
        List<ChannelBook.AcceptedWord> words = List.copyOf(pending.values());
        try {
            for (int from = 0; from < words.size(); from += MAX_BATCH) {
                List<ChannelBook.AcceptedWord> part = words.subList(from, Math.min(words.size(), from + MAX_BATCH));
                int recorded = book.recordAccepted(part).size();
                if (recorded < part.size()) {
                    log.debug(
                            "payment journal: {} channels were further on or closed in the book",
                            part.size() - recorded);
                }
            }
            return true;
        } catch (RuntimeException e) {
            log.warn("payment journal: {} channels not yet written to the book: {}", words.size(), e.getMessage());
            return false;
        }
    }

    private void deleteSegmentsBefore(long segmentNumber) {
        try {
            for (Path file : segments()) {
                if (number(file) < segmentNumber) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            log.warn("payment journal: checkpointed segments not deleted: {}", e.getMessage());
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file ->
                            SEGMENT.matcher(file.getFileName().toString()).matches())
                    .sorted()
                    .toList();
        }
    }

    private static long number(Path segmentFile) {
        var matcher = SEGMENT.matcher(segmentFile.getFileName().toString());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a journal segment: " + segmentFile);
        }
        return Long.parseLong(matcher.group(1));
    }

    /** Forces and writes what is queued (the book included), then stops both threads and frees the directory. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        appends.add(STOP);
        join(appender);
        CompletableFuture<Void> flushed = new CompletableFuture<>();
        checkpoints.add(new Checkpoint(currentSegment, null, flushed));
        flushed.orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
        join(checkpointer);
        try {
            segment.close();
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            log.warn("payment journal: closing {} failed: {}", directory, e.getMessage());
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
