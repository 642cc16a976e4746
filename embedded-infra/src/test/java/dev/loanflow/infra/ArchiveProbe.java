package dev.loanflow.infra;

/** A program for {@link ClassDataArchiveTest}: says it is ready, then waits to be stopped unless told to exit. */
public final class ArchiveProbe {

    private ArchiveProbe() {
    }

    public static void main(String[] arguments) throws InterruptedException {
        System.out.println("ready");
        System.out.flush();
        if (arguments.length == 0) {
            Thread.sleep(60_000);
        }
    }
}
