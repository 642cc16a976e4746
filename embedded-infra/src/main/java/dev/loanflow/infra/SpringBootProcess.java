package dev.loanflow.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** A Spring Boot application run from its jar as a separate JVM, stopped with this one. */
public final class SpringBootProcess implements AutoCloseable {

    private final String name;
    private final ProcessBuilder builder;
    private volatile Process process;
    private final int port;
    private final Path log;

    private SpringBootProcess(String name, ProcessBuilder builder, Process process, int port, Path log) {
        this.name = name;
        this.builder = builder;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Quick to start, small: for tests and the local stack. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    public static SpringBootProcess start(String name, Path jar, int port, Map<String, String> environment,
                                          List<String> arguments, Path log) {
        return start(name, jar, port, environment, DEFAULT_JVM_OPTIONS, arguments, log);
    }

    public static SpringBootProcess start(String name, Path jar, int port, Map<String, String> environment,
                                          List<String> jvmOptions, List<String> arguments, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw -DskipTests install)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        Path runnable = fastestToLoad(jar);
        command.addAll(jvmOptions);
        command.addAll(new ClassDataArchive(runnable).jvmOptions());
        command.addAll(List.of("-jar", runnable.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        return new SpringBootProcess(name, builder, launch(name, builder), port, log);
    }

    /**
     * The build also unpacks each application into {@code target/extracted} (a plain jar, its libraries beside it),
     * which starts faster than the fat jar; used when it is at least as new as the fat jar.
     */
    static Path fastestToLoad(Path jar) {
        Path extracted = jar.resolveSibling("extracted").resolve(jar.getFileName());
        try {
            return Files.isRegularFile(extracted)
                    && Files.getLastModifiedTime(extracted).compareTo(Files.getLastModifiedTime(jar)) >= 0 ? extracted : jar;
        } catch (IOException e) {
            return jar;
        }
    }

    private static Process launch(String name, ProcessBuilder builder) {
        try {
            Process process = builder.start();
            ChildProcesses.register(process);
            return process;
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + name, e);
        }
    }

    /** Kills the JVM at once (SIGKILL): no shutdown hooks, no graceful stop, like a crash. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(name + " did not die", e);
        }
    }

    /** Adds these settings (environment variables) for the next {@link #restart}. */
    public SpringBootProcess withEnvironment(Map<String, String> settings) {
        builder.environment().putAll(settings);
        return this;
    }

    /** Drops these settings for the next {@link #restart}. */
    public SpringBootProcess withoutEnvironment(Collection<String> names) {
        names.forEach(builder.environment()::remove);
        return this;
    }

    /** Starts the same application again with the same settings; call {@link #awaitHealthy} next. */
    public SpringBootProcess restart() {
        process = launch(name, builder);
        return this;
    }

    public SpringBootProcess awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + log);
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notUpYet) {
                // keep polling until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause();
        }
        throw new IllegalStateException(name + " not healthy within " + timeout + "; see " + log);
    }

    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() {
        ChildProcesses.stop(process.toHandle());
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
