package dev.loanflow.system;

import java.nio.file.Path;
import java.util.List;

import dev.loanflow.infra.Platform;
import dev.loanflow.infra.SpringBootProcess;
import dev.loanflow.infra.testdata.TestClients;
import dev.loanflow.schemas.KafkaAccess;
import dev.loanflow.schemas.SchemaDeployment;
import dev.loanflow.schemas.UpstreamPublishers;

/** One platform for every system test in this JVM, with short timers so that recoveries show within a test. */
final class SharedPlatform {

    /** The upstream systems that submit over Kafka in these tests, each as its own principal on its own topic. */
    static final String PUBLISHERS = "checkout:merchant-topic;node-shop:merchant-node";

    private static Platform platform;

    private SharedPlatform() {
    }

    static synchronized Platform get() {
        if (platform == null) {
            platform = Platform.start(new Platform.Options(Path.of(".."), Path.of("target", "system-logs"),
                    kafka -> KafkaAccess.prepare(kafka.adminProperties(), kafka::passwordOf, UpstreamPublishers.parse(PUBLISHERS)),
                    PUBLISHERS, TestClients.all(),
                    List.of("--loanflow.simulator.customer-decision-delay=200ms", "--loanflow.simulator.timeout-sweep-interval=1s"),
                    List.of("--loanflow.origination.timeout-sweep-interval=1s", "--loanflow.reconciliation.interval=1s",
                            "--loanflow.reconciliation.stale-after=5s", "--loanflow.security.signing-keys-cache=5s"),
                    SpringBootProcess.DEFAULT_JVM_OPTIONS, SchemaDeployment::registerAll));
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close));
        }
        return platform;
    }
}
