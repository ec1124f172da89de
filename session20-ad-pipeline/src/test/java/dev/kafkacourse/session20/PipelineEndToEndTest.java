package dev.kafkacourse.session20;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kafkacourse.session19.AdStats;
import dev.kafkacourse.session19.AdStatsConfig;
import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.domain.GeneratedRecord;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import tools.jackson.databind.JsonNode;

/**
 * The pipeline as a user meets it: two instances, seeded traffic posted over HTTP (duplicates, late and malformed
 * events included), then the exact reconciliation, both instances answering for every campaign, the Prometheus
 * endpoint, and the dashboard page in a real headless Chromium showing the query API's numbers.
 */
@KafkaTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static PipelineRun run;
    private static GeneratedEvents traffic;
    private static LoadGenerator load;

    @BeforeAll
    static void postTrafficToTwoInstances(KafkaFixture kafka) {
        traffic = Traffic.generate(2020, 2_500, 6, Duration.ofMinutes(8));
        run = PipelineRun.create(kafka, 4, AdStatsConfig.defaults());
        run.publishCampaigns(Traffic.campaigns(traffic));
        run.startInstance(0);
        run.startInstance(0);
        load = new LoadGenerator(run.urls());
        List<GeneratedRecord> posted = load.post(traffic.records(), 100, 10_000, 4, () -> false);
        assertThat(posted).hasSameSizeAs(traffic.records());
        run.awaitDrained(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (run != null) {
            run.close();
        }
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " answered " + response.body()).isEqualTo(200);
        return response.body();
    }

    @Test
    @Order(1)
    void theReconciliationIsExactlyOnce() {
        ReconciliationReport report = Reconciliation.reconcile(traffic, run.counted(), run.deadLetters());

        assertThat(report.rows()).allSatisfy(row -> assertThat(row.counted()).as(row.campaignId())
                .isEqualTo(row.expected()));
        assertThat(report.deadLettered()).as("every malformed record on the DLQ, once")
                .isEqualTo(traffic.count(GeneratedRecord.Kind.MALFORMED));
        assertThat(report.exactlyOnce()).isTrue();
        assertThat(PipelineRun.repeatedWindows(run.finalWindows())).as("no final window published twice").isZero();

        long malformed = traffic.count(GeneratedRecord.Kind.MALFORMED);
        LoadGenerator.Progress progress = load.progress();
        assertThat(progress.accepted()).as("202s counted every valid record, duplicates included")
                .isEqualTo(traffic.records().size() - malformed);
        assertThat(progress.rejected()).isEqualTo(malformed);
        assertThat(progress.badRequests()).as("a malformed event sent alone gets 400").isEqualTo((malformed + 1) / 2);
    }

    @Test
    @Order(2)
    void eitherInstanceAnswersForEveryCampaign() throws Exception {
        for (String url : run.urls()) {
            for (Map.Entry<String, CampaignStats> expected : traffic.expectedStats().entrySet()) {
                List<AdStats> windows = List.of(HttpStats.JSON.readValue(
                        get(url + "/api/campaigns/" + expected.getKey() + "/stats"), AdStats[].class));
                CampaignStats total = windows.stream().map(AdStats::stats).reduce(CampaignStats.EMPTY,
                        CampaignStats::plus);
                assertThat(total).as("%s asked at %s", expected.getKey(), url).isEqualTo(expected.getValue());
            }
        }
    }

    @Test
    @Order(3)
    void theCollectorRefusesAnEmptyRequestAndTheTopAndMetricsEndpointsAnswer() throws Exception {
        HttpResponse<String> empty = HTTP.send(HttpRequest.newBuilder(URI.create(run.urls().get(0) + "/events"))
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString("\n\n"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("empty request");

        JsonNode top = HttpStats.JSON.readTree(get(run.urls().get(1) + "/api/top?by=clicks&n=3"));
        assertThat(top.size()).isBetween(1, 3);
        for (int i = 1; i < top.size(); i++) {
            assertThat(top.get(i - 1).get("clicks").asLong()).isGreaterThanOrEqualTo(top.get(i).get("clicks").asLong());
        }

        String metrics = get(run.urls().get(0) + "/actuator/prometheus");
        assertThat(metrics).contains("collector_events_total{", "outcome=\"accepted\"")
                .contains("kafka_producer_record_send_total").contains("kafka_stream_");
    }

    @Test
    @Order(4)
    void theDashboardInChromiumShowsTheQueryApisAndTheGeneratorsNumbers() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        Path chromedriver = Path.of("/usr/bin/chromedriver");
        Assumptions.assumeTrue(Files.isExecutable(chromium) && Files.isExecutable(chromedriver),
                "Needs Debian's chromium and chromium-driver: run tools/install-chromium.sh");
        Map<String, CampaignStats> api = new TreeMap<>();
        for (JsonNode row : HttpStats.JSON.readTree(get(run.urls().get(0) + "/api/campaigns"))) {
            api.put(row.get("campaignId").asString(), new CampaignStats(row.get("impressions").asLong(),
                    row.get("clicks").asLong(), row.get("spendMicros").asLong()));
        }
        assertThat(api).isEqualTo(traffic.expectedStats());

        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).build();
        ChromeDriver browser = new ChromeDriver(service, options);
        try {
            browser.get(run.urls().get(1) + "/");
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    browser.findElements(By.cssSelector("#campaigns tbody tr")).size() == api.size() + 1);
            Map<String, CampaignStats> apiInUnits = new TreeMap<>();   // the page shows spend in units, 2 decimals
            api.forEach((k, v) -> apiInUnits.put(k, new CampaignStats(v.impressions(), v.clicks(),
                    Math.round(v.spendMicros() / 10_000.0) * 10_000)));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(pageTable(browser))
                    .as("the page's table = the query API = the generator").isEqualTo(apiInUnits));
            assertThat(browser.findElements(By.cssSelector("#chart polyline"))).as("one line per campaign")
                    .hasSize(api.size());
            Path shot = Path.of("target", "screenshots", "session20-dashboard.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }

    /**
     * The campaign rows as the page shows them, read in one script call: the page re-renders its table on every
     * server-sent update, so element handles read one at a time can go stale between two reads.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, CampaignStats> pageTable(ChromeDriver browser) {
        List<List<String>> rows = (List<List<String>>) browser.executeScript("""
                return Array.from(document.querySelectorAll('#campaigns tbody tr'))
                    .filter(r => r.getAttribute('data-campaign') !== 'total')
                    .map(r => [r.getAttribute('data-campaign'), r.querySelector('.impressions').textContent,
                               r.querySelector('.clicks').textContent, r.querySelector('.spend').textContent]);""");
        Map<String, CampaignStats> page = new TreeMap<>();
        for (List<String> row : rows) {
            page.put(row.get(0), new CampaignStats(parse(row.get(1)), parse(row.get(2)),
                    Math.round(Double.parseDouble(row.get(3).replace(",", "").strip()) * 1_000_000)));
        }
        return page;
    }

    private static long parse(String number) {
        return Long.parseLong(number.replace(",", "").strip());
    }
}
