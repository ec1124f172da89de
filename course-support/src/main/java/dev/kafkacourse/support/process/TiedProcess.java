package dev.kafkacourse.support.process;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A child process that cannot outlive this JVM. It runs in the background of a small shell that blocks reading a
 * pipe from this JVM and kills the child when the pipe closes. The kernel closes the pipe when this JVM exits in
 * any way, SIGKILL included (no shutdown hook runs then), so nothing is left behind. Used for the real servers the
 * course starts for tests and labs (the schema registry of session 10, Prometheus of session 14).
 */
public final class TiedProcess {

    private final Process launcher;
    private final OutputStream lifeline;
    private final ProcessHandle child;

    private TiedProcess(Process launcher, ProcessHandle child) {
        this.launcher = launcher;
        this.lifeline = launcher.getOutputStream();
        this.child = child;
    }

    /** Starts {@code command} tied to this JVM, its output to {@code log}. */
    public static TiedProcess start(List<String> command, Path log) {
        List<String> shell = new ArrayList<>(List.of("/bin/sh", "-c",
                // The child runs in the background; `cat` blocks on our pipe until this JVM closes it or dies.
                "\"$@\" </dev/null & child=$!; cat >/dev/null; kill $child 2>/dev/null; wait $child", "tied"));
        shell.addAll(command);
        Process launcher;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            launcher = new ProcessBuilder(shell).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command, e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && launcher.isAlive()) {
            Optional<ProcessHandle> child = launcher.children().findFirst();
            if (child.isPresent()) {
                return new TiedProcess(launcher, child.get());
            }
            Thread.onSpinWait();
        }
        launcher.destroyForcibly();
        throw new IllegalStateException("The launcher shell did not start " + command + "; see " + log);
    }

    public ProcessHandle child() {
        return child;
    }

    /** Closes the lifeline (the shell sends the child SIGTERM), then makes sure the child is gone. */
    public void stop() {
        try {
            lifeline.close();
        } catch (IOException e) {
            // already closed
        }
        stop(child);
        launcher.destroy();
    }

    /** SIGTERM, up to 20 s for a clean exit, then SIGKILL. */
    public static void stop(ProcessHandle process) {
        if (process.isAlive()) {
            process.destroy();
        }
        try {
            process.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            process.onExit().join();
        }
    }

    /** For the check that a SIGKILLed JVM leaves nothing behind: starts {@code args} tied, prints its pid, waits. */
    public static void main(String[] args) throws InterruptedException {
        TiedProcess process = start(List.of(args), Path.of(System.getProperty("java.io.tmpdir"), "tied-"
                + ProcessHandle.current().pid() + ".log"));
        System.out.println("child " + process.child().pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);   // until killed
    }
}
