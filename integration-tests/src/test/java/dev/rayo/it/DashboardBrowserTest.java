package dev.rayo.it;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.cli.NodeProcess;
import dev.rayo.runtime.AkkaRayoRuntime;
import dev.rayo.runtime.state.ObjectRow;
import dev.rayo.testing.Eventually;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's pages in Debian's headless Chromium against a real cluster: a head process (which serves the
 * dashboard and prints {@code RAYO_DASHBOARD URL}), a worker process, and this JVM as a driver that runs tasks on
 * the worker, puts an object and creates a named actor. The browser sees both nodes, finds the task and the
 * object by id, lists the actor, draws the timeline and kills the actor; each page is saved under
 * {@code target/screenshots/}. Selenium never downloads anything: browser and driver paths are given.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.extension.ExtendWith(DefaultStoreCleanup.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Pattern URL = Pattern.compile("(https?://[^\\s]+)");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static NodeProcess head;
    private static NodeProcess worker;
    private static WebDriver browser;
    private static String dashboard;
    private static String driverNode;
    private static String taskId;
    private static ObjectRef<Integer> result;
    private static ObjectRef<byte[]> put;
    /** Held for the whole test: an actor whose last handle is gone is collected (DEAD). */
    private static ActorHandle<ClusterFns.Tally> tally;

    @BeforeAll
    static void startClusterAndBrowser() throws Exception {
        Assumptions.assumeTrue(CHROMIUM.canExecute(), "/usr/bin/chromium is not installed (Debian: apt-get install chromium "
                + "chromium-driver; .ci/run installs them): the dashboard's browser test is skipped");
        int headPort = TestNodes.freePort();
        head = TestNodes.start("dash-head", "--head", "--port", Integer.toString(headPort), "--num-cpus", "1");
        String seed = "127.0.0.1:" + headPort;
        worker = TestNodes.start("dash-worker", "--address", seed, "--num-cpus", "2", "--resources", "{\"DashWorker\": 8}");
        Rayo.init(RayoConfig.builder().address(seed).set("rayo.dashboard.enabled", false).build());
        AkkaRayoRuntime rt = (AkkaRayoRuntime) Rayo.runtime();
        driverNode = rt.nodeId();
        Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(50)).describedAs("the driver sees the worker")
                .until(() -> rt.clusterView().nodes().stream().anyMatch(n -> n.total().get("DashWorker") > 0));

        put = Rayo.put(ClusterFns.makeBytes(50_000, 7));
        result = Rayo.task(ClusterFns::plusOne, 41).setName("dash-plus-one").setResource("DashWorker", 1).remote();
        assertEquals(42, Rayo.get(result, Duration.ofSeconds(60)));
        List<ObjectRef<String>> more = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            more.add(Rayo.task(ClusterFns::whereAmI, 20).setResource("DashWorker", 1).remote());
        }
        Rayo.get(more, Duration.ofSeconds(60));
        tally = Rayo.actor(ClusterFns.Tally::new, 1).setName("dash-tally").remote();
        assertEquals(3, Rayo.get(tally.task(ClusterFns.Tally::add, 2).remote(), Duration.ofSeconds(60)));
        ObjectRow made = Eventually.within(Duration.ofSeconds(30)).describedAs("the result's producing task is known")
                .until(() -> rt.clusterState().object(result.id()).toCompletableFuture().join().orElse(null),
                        r -> r != null && !r.taskId().isEmpty());
        taskId = made.taskId();

        dashboard = Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(100))
                .describedAs("the head prints RAYO_DASHBOARD URL (stdout or log)")
                .until(DashboardBrowserTest::dashboardUrl, Optional::isPresent).orElseThrow();
        browser = startBrowser();
    }

    /** The URL of the head's {@code RAYO_DASHBOARD} line, on its stdout or in its log. */
    private static Optional<String> dashboardUrl() {
        Optional<String> line = head.stdoutLine("RAYO_DASHBOARD");
        if (line.isEmpty()) {
            try {
                line = Files.readAllLines(head.log(), StandardCharsets.UTF_8).stream()
                        .filter(l -> l.contains("RAYO_DASHBOARD ")).findFirst()
                        .map(l -> l.substring(l.indexOf("RAYO_DASHBOARD ") + "RAYO_DASHBOARD ".length()));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return line.map(URL::matcher).filter(Matcher::find).map(m -> m.group(1).replaceAll("/+$", ""));
    }

    private static WebDriver startBrowser() {
        // Both paths given: Selenium Manager is never asked to find or download a browser or a driver.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.getPath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1100", "--lang=en-US");
        // The console is read after each page: a script error fails the test even when the page looks right.
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopEverything() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            try {
                Rayo.shutdown();
            } finally {
                TestNodes.closeAll(worker, head);
            }
        }
    }

    /**
     * No page threw: the console holds no error other than the failed requests the tests make on purpose
     * (unknown ids answer 404, which the page shows as a message).
     */
    @AfterEach
    void noScriptErrors() {
        if (browser == null) {
            return;
        }
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("Failed to load resource"))
                .toList();
        assertTrue(errors.isEmpty(), "script errors in the browser console: " + errors);
    }

    @Test
    @Order(1)
    void theOverviewShowsBothNodesWithTheirResources() throws IOException {
        browser.get(dashboard + "/");
        String nodes = waitForText(By.id("nodes-table"),
                t -> t.contains(head.hostPort()) && t.contains(worker.hostPort()) && t.contains("DashWorker"));
        assertTrue(nodes.contains("ALIVE"), nodes);
        String totals = waitForText(By.id("cluster-totals"), t -> t.contains("CPU in use"));
        assertTrue(totals.contains("Nodes"), totals);
        // Two polls of api/nodes at least, two seconds apart: the CPU chart has a line.
        waitFor(d -> {
            String samples = d.findElement(By.id("cpu-chart")).getDomAttribute("data-samples");
            return samples != null && Integer.parseInt(samples) >= 2;
        });
        screenshot("overview");
    }

    @Test
    @Order(2)
    void aTaskIdSearchShowsTheTasksDetails() throws IOException {
        browser.get(dashboard + "/#tasks");
        waitForText(By.id("task-state-counts"), t -> t.contains("FINISHED"));
        search("task-search", "no-such-task");
        String missing = waitForText(By.id("task-detail"), t -> t.contains("404"));
        assertTrue(missing.contains("no-such-task"), missing);

        searchUntil("task-search", taskId, By.id("task-detail-state"), t -> t.contains("FINISHED"));
        assertEquals("dash-plus-one", text(By.id("task-detail-name")));
        assertEquals(worker.hostPort(), text(By.id("task-detail-node")));
        String detail = text(By.id("task-detail"));
        assertTrue(detail.contains(taskId) && detail.contains(result.id()) && detail.contains("DashWorker"), detail);
        assertTrue(text(By.id("task-attempts")).contains(worker.hostPort()), text(By.id("task-attempts")));
        assertTrue(text(By.id("task-history")).contains("RUNNING"), text(By.id("task-history")));
        waitForText(By.id("tasks-table"), t -> t.contains("dash-plus-one"));
        waitForText(By.id("task-histogram-note"), t -> t.contains("finished tasks"));
        screenshot("tasks");
    }

    @Test
    @Order(3)
    void anObjectIdSearchShowsSizeOwnerAndProducingTask() throws IOException {
        browser.get(dashboard + "/#objects");
        search("object-search", "no-such-object");
        waitForText(By.id("object-detail"), t -> t.contains("404") && t.contains("no-such-object"));

        searchUntil("object-search", put.id(), By.id("object-detail-put"), t -> t.equals("yes"));
        assertTrue(text(By.id("object-detail-size")).contains("bytes"), text(By.id("object-detail-size")));
        assertEquals(driverNode, text(By.id("object-detail-owner")));

        searchUntil("object-search", result.id(), By.id("object-detail-task"), t -> t.equals(taskId));
        assertEquals(driverNode, text(By.id("object-detail-owner")));
        assertEquals("no", text(By.id("object-detail-put")));
        assertTrue(text(By.id("object-detail-size")).matches(".*\\(\\d+ bytes\\).*"), text(By.id("object-detail-size")));
        screenshot("objects");
        // The producing task is a link to its details.
        browser.findElement(By.cssSelector("#object-detail-task a")).click();
        waitForText(By.id("task-detail-name"), t -> t.equals("dash-plus-one"));
    }

    @Test
    @Order(4)
    void theActorsTableListsTheNamedActor() throws IOException {
        browser.get(dashboard + "/#actors");
        String actors = waitForText(By.id("actors-table"), t -> t.contains("dash-tally"));
        assertTrue(actors.contains("Tally") && actors.contains("ALIVE"), actors);
        screenshot("actors");
    }

    @Test
    @Order(5)
    void theTimelineDrawsTheTasksPerNodeAndWorker() throws IOException {
        browser.get(dashboard + "/#timeline");
        waitFor(d -> d.findElements(By.cssSelector("#timeline-view .tl-task")).size() >= 8);
        String processes = text(By.id("timeline-view"));
        assertTrue(processes.contains("Node " + worker.hostPort()), processes);
        WebElement box = browser.findElement(By.cssSelector("#timeline-view .tl-task[data-task-id='" + taskId + "']"));
        String title = box.getDomAttribute("title");
        assertTrue(title.contains("dash-plus-one") && title.contains(taskId) && title.contains("execute"), title);
        assertEquals(3, box.findElements(By.cssSelector(".tl-phase")).size(), "get arguments, execute, store outputs");
        assertTrue(browser.findElement(By.id("timeline-download")).getDomAttribute("href").contains("api/timeline"));
        screenshot("timeline");
    }

    @Test
    @Order(6)
    void theKillButtonKillsTheActorAfterConfirmation() {
        browser.get(dashboard + "/#actors");
        waitForText(By.id("actors-table"), t -> t.contains("dash-tally"));
        By killButton = By.xpath("//table[@id='actors-table']//tr[td[normalize-space()='dash-tally']]//button");
        click(killButton);
        browser.switchTo().alert().dismiss();
        waitForText(By.id("actors-table"), t -> t.contains("dash-tally") && t.contains("ALIVE"));
        click(killButton);
        browser.switchTo().alert().accept();
        waitForText(By.xpath("//table[@id='actors-table']//tr[td[normalize-space()='dash-tally']]"), t -> t.contains("DEAD"));
        assertFalse(browser.findElement(By.id("error-banner")).isDisplayed(), text(By.id("error-banner")));
    }

    /** Clicks what {@code by} finds, again if the table was redrawn in between (it refreshes every few seconds). */
    private static void click(By by) {
        new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    d.findElement(by).click();
                    return true;
                });
    }

    private static void search(String inputId, String id) {
        WebElement input = browser.findElement(By.id(inputId));
        input.clear();
        input.sendKeys(id);
        browser.findElement(By.id(inputId + "-button")).click();
    }

    /** Searches again until the detail element's text satisfies the condition (the state may lag the result). */
    private static void searchUntil(String inputId, String id, By detail, Function<String, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(500))
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "searching " + id + " in #" + inputId + "; the page shows: " + pageText())
                .until(d -> {
                    search(inputId, id);
                    try {
                        return new WebDriverWait(d, Duration.ofSeconds(5), Duration.ofMillis(100))
                                .ignoring(StaleElementReferenceException.class)
                                .until(x -> {
                                    List<WebElement> found = x.findElements(detail);
                                    return !found.isEmpty() && condition.apply(found.get(0).getText().strip());
                                });
                    } catch (org.openqa.selenium.TimeoutException e) {
                        return false;
                    }
                });
    }

    private static String waitForText(By by, Function<String, Boolean> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(200))
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> by + " never showed what was expected; the page shows: " + pageText())
                .until(d -> {
                    List<WebElement> found = d.findElements(by);
                    if (found.isEmpty()) {
                        return null;
                    }
                    String t = found.get(0).getText();
                    return condition.apply(t) ? t : null;
                });
    }

    private static void waitFor(Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(200))
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "the page shows: " + pageText())
                .until(condition::apply);
    }

    private static String text(By by) {
        return browser.findElement(by).getText().strip();
    }

    private static String pageText() {
        try {
            return browser.findElement(By.tagName("body")).getText();
        } catch (RuntimeException e) {
            return "(no page: " + e + ")";
        }
    }

    private static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }
}
