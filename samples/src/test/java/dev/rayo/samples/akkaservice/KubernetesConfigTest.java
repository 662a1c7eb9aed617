package dev.rayo.samples.akkaservice;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * config/kubernetes cannot run here, so this checks what must line up between the manifests and the HOCON:
 * labels, selectors and the discovery selector, ports and their names, probe paths, environment variables,
 * the service account and its pod-listing rights, and that the HOCON parses over the service's configuration.
 */
class KubernetesConfigTest {
    private static final Path DIR = Path.of("..", "config", "kubernetes");
    private static Map<String, Map<String, Object>> byKind;
    private static Config hocon;

    @BeforeAll
    static void read() throws Exception {
        byKind = new HashMap<>();
        try (Reader in = Files.newBufferedReader(DIR.resolve("deployment.yaml"))) {
            for (Object doc : new Yaml().loadAll(in)) {
                Map<String, Object> m = map(doc);
                byKind.put((String) m.get("kind"), m);
            }
        }
        hocon = AkkaService.config(DIR.resolve("kubernetes.conf").toFile());
    }

    @Test
    void everyResourceIsThere() {
        assertEquals(Set.of("Deployment", "Service", "ServiceAccount", "Role", "RoleBinding"), byKind.keySet());
    }

    @Test
    void labelsSelectorsAndTheDiscoverySelectorAgree() {
        Map<String, Object> spec = map(byKind.get("Deployment").get("spec"));
        Map<String, Object> podLabels = map(map(map(spec.get("template")).get("metadata")).get("labels"));
        assertEquals(podLabels, map(map(spec.get("selector")).get("matchLabels")), "the Deployment selects its pods");
        assertEquals(podLabels, map(map(byKind.get("Service").get("spec")).get("selector")), "the Service selects them");
        String selector = String.format(hocon.getString("akka.discovery.kubernetes-api.pod-label-selector"),
                hocon.getString("akka.management.cluster.bootstrap.contact-point-discovery.service-name"));
        String[] kv = selector.split("=");
        assertEquals(podLabels.get(kv[0]), kv[1], "Cluster Bootstrap's selector " + selector + " finds the pods");
        assertEquals("kubernetes-api", hocon.getString("akka.management.cluster.bootstrap.contact-point-discovery.discovery-method"));
        assertTrue(((Number) spec.get("replicas")).intValue()
                >= hocon.getInt("akka.management.cluster.bootstrap.contact-point-discovery.required-contact-point-nr"),
                "enough replicas for the required contact points");
    }

    @Test
    void containerPortsMatchTheConfiguredPortsAndTheProbes() {
        Map<String, Object> container = container();
        Map<String, Integer> ports = new HashMap<>();
        for (Object p : (List<?>) container.get("ports")) {
            ports.put((String) map(p).get("name"), ((Number) map(p).get("containerPort")).intValue());
        }
        assertEquals(hocon.getInt("akka.remote.artery.canonical.port"), ports.get("remoting"));
        assertEquals(hocon.getInt("rayo.transfer.port"), ports.get("transfer"));
        assertEquals(hocon.getInt("rayo.dashboard.port"), ports.get("dashboard"));
        assertEquals(hocon.getInt("akka.management.http.port"),
                ports.get(hocon.getString("akka.management.cluster.bootstrap.contact-point-discovery.port-name")),
                "Cluster Bootstrap contacts the port named port-name");
        List<String> command = ((List<?>) container.get("command")).stream().map(String::valueOf).toList();
        assertEquals(String.valueOf(ports.get("http")), command.get(command.indexOf("--port") + 1));
        assertEquals("config/kubernetes/kubernetes.conf", command.get(command.indexOf("--config") + 1));
        assertEquals("0.0.0.0", hocon.getString("rayo.dashboard.host"), "the kubelet probes from outside the pod");
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
            Map<String, Object> get = map(map(container.get(probe)).get("httpGet"));
            assertEquals("/api/health", get.get("path"), probe);
            assertTrue(ports.containsKey(get.get("port")), probe + " names a declared port");
        }
        Map<String, Object> service = map(((List<?>) map(byKind.get("Service").get("spec")).get("ports")).get(0));
        assertTrue(ports.containsKey(service.get("targetPort")), "the Service targets a declared port");
    }

    @Test
    void theEnvironmentTheHoconReadsIsSet() throws Exception {
        Set<String> env = ((List<?>) container().get("env")).stream().map(e -> (String) map(e).get("name"))
                .collect(Collectors.toSet());
        String text = Files.readString(DIR.resolve("kubernetes.conf"));
        List<String> read = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{\\?([A-Z_]+)}").matcher(text);
        while (m.find()) {
            read.add(m.group(1));
        }
        assertTrue(read.contains("POD_IP"));
        for (String name : read) {
            assertTrue(env.contains(name), "the Deployment sets " + name + ", which kubernetes.conf reads");
        }
        assertTrue(env.contains("RAYO_DASHBOARD_TOKEN"), "a dashboard on 0.0.0.0 needs its token");
        Map<String, Object> podIp = map(((List<?>) container().get("env")).stream().map(KubernetesConfigTest::map)
                .filter(e -> e.get("name").equals("POD_IP")).findFirst().orElseThrow().get("valueFrom"));
        assertEquals("status.podIP", map(podIp.get("fieldRef")).get("fieldPath"));
    }

    @Test
    void theServiceAccountMayListPodsAndRolesLineUp() {
        Map<String, Object> podSpec = map(map(map(byKind.get("Deployment").get("spec")).get("template")).get("spec"));
        String account = (String) map(byKind.get("ServiceAccount").get("metadata")).get("name");
        assertEquals(account, podSpec.get("serviceAccountName"));
        Map<String, Object> binding = byKind.get("RoleBinding");
        assertEquals(account, map(((List<?>) binding.get("subjects")).get(0)).get("name"));
        assertEquals(map(byKind.get("Role").get("metadata")).get("name"), map(binding.get("roleRef")).get("name"));
        Map<String, Object> rule = map(((List<?>) byKind.get("Role").get("rules")).get(0));
        assertTrue(((List<?>) rule.get("resources")).contains("pods"));
        assertTrue(((List<?>) rule.get("verbs")).contains("list"));
        assertTrue(hocon.getStringList("akka.cluster.roles").contains(hocon.getString("rayo.akka.role")),
                "the pods run Rayo work");
        assertTrue(hocon.getStringList("akka.cluster.seed-nodes").isEmpty(), "Cluster Bootstrap, not seed nodes");
        assertTrue(hocon.getBoolean("rayo-service.cluster-bootstrap"), "the service starts Cluster Bootstrap");
        assertNotNull(hocon.getString("akka.cluster.downing-provider-class"));
    }

    private Map<String, Object> container() {
        Map<String, Object> podSpec = map(map(map(byKind.get("Deployment").get("spec")).get("template")).get("spec"));
        return map(((List<?>) podSpec.get("containers")).get(0));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertTrue(o instanceof Map, "expected a mapping, was " + o);
        return (Map<String, Object>) o;
    }
}
