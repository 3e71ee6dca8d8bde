import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.ingest.common.IngestCommonPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.script.mustache.MustachePlugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * A single OpenSearch node for the ops log test, started from the Maven jars that scripts/ops/opensearch/pom.xml
 * resolves (no distribution, no install): the REST API on 127.0.0.1, with the modules the test needs loaded from
 * the class path: HTTP (netty4), ingest processors (ingest-common), mustache templates (lang-mustache) and the common analysis
 * filters.
 *
 * Usage: java -cp 'libs/*:classes' EmbeddedNode <home dir> <http port> <transport port>
 * Stops cleanly on SIGTERM (the JVM's shutdown hook closes the node).
 */
public final class EmbeddedNode {
    /** Node has a protected constructor for class-path plugins; the public one only loads plugins from disk. */
    private static final class ClasspathNode extends Node {
        ClasspathNode(Settings settings) {
            super(InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "klang-ops"),
                List.of(Netty4Plugin.class, IngestCommonPlugin.class, MustachePlugin.class, CommonAnalysisPlugin.class), true);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: EmbeddedNode <home dir> <http port> <transport port>");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(home.resolve("config"));
        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "klang-ops")
            .put("node.name", "klang-ops-1")
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", args[1])
            .put("transport.port", args[2])
            .put("http.type", "netty4")
            .put("transport.type", "netty4")
            // A shared test machine: never turn indices read-only because the disk is fuller than a server's.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();
        Node node = new ClasspathNode(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
            stopped.countDown();
        }));
        node.start();
        System.out.println("opensearch node started: http://127.0.0.1:" + args[1]);
        stopped.await();
    }
}
