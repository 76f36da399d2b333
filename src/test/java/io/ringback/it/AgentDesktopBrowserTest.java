package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringback.callback.CallbackStatus;
import io.ringback.scheduled.ScheduledCallbackRow;
import io.ringback.scheduled.ScheduledCallbacks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

/**
 * The agent desktop ({@code /agent}, docs/agent-desktop.md) in a real headless browser: Debian's
 * {@code chromium} driven through Debian's {@code chromedriver} (never Selenium Manager, which could not
 * download anything here), against the running application. The browser's time zone is Tokyo, the
 * customers' Sao Paulo, so that every window shown in both zones differs.
 *
 * <p>Without chromium and chromedriver the tests are skipped with a warning, like the model lint —
 * except in CI ({@code CI} set), where they must run: {@code .ci/run} installs both.
 *
 * <p>The first test leaves a screenshot of the page in {@code target/screenshots/agent-desktop.png}
 * (docs/agent-desktop.md shows it, copied to {@code docs/images/}).
 */
class AgentDesktopBrowserTest extends RingbackIntegrationTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOT = Path.of("target/screenshots/agent-desktop.png");
    static final String BROWSER_ZONE = "Asia/Tokyo";
    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);
    static final Duration WAIT = Duration.ofSeconds(15);

    @LocalServerPort int port;
    @Autowired TestRestTemplate rest;
    @Autowired ScheduledCallbacks scheduled;

    private ChromeDriverService service;
    private WebDriver browser;

    @BeforeAll
    static void chromiumAndChromedriverAreInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String ci = System.getenv("CI");
        if (!installed && ci != null && !ci.isEmpty()) {
            Assertions.fail("CI=" + ci + ": the browser test must run, but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing (.ci/run installs Debian's chromium and chromium-driver)");
        }
        if (!installed) {
            System.err.println("WARNING: " + CHROMIUM + " or " + CHROMEDRIVER + " not found - the agent desktop's "
                    + "browser test is SKIPPED. apt-get install chromium chromium-driver to run it; CI always does.");
        }
        Assumptions.assumeTrue(installed, "chromium and chromedriver are not installed: the browser test is skipped "
                + "(CI always runs it)");
    }

    @BeforeEach
    void openTheBrowser(@TempDir Path profile) throws IOException {
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("TZ", BROWSER_ZONE)) // the browser's zone, which the page takes as the agent's
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(profile.resolve("chromium")), "--window-size=1360,1500",
                "--lang=en-US");
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void anAgentSeesTheScheduleAndTheNumbersOpenCallbacksIsShownARefusedFieldAndSchedulesTheCallback() throws IOException {
        String number = newNumber();
        String typed = typed(number);
        LocalDateTime start = inSaoPaulo(Duration.ofHours(2));
        LocalDateTime end = start.plusHours(1);
        UUID byAgent2 = created("agent2", number, "Ana Souza", start.plusHours(2), end.plusHours(2));
        UUID earlier = created("agent1", newNumber(), "Eva Martins", start.plusHours(1), end.plusHours(1));
        String call = "pbx1-" + System.nanoTime() + ".7";

        logIn("agent1", "/agent?interactionId=" + call);
        waitFor(By.id("agent-zone"), BROWSER_ZONE);
        assertThat(text(By.cssSelector("#schedule-a-callback .protocol"))).contains("protocol of the call " + call);

        type(By.id("phoneNumber"), typed);
        waitFor(By.id("open-callbacks"), "already has 1 open callback(s)");
        assertThat(text(By.id("open-callbacks"))).contains("SCHEDULED · support · SCHEDULED").contains("by agent2");
        type(By.id("recipientName"), "Al"); // too short: 3 to 250 characters
        setWindow(start, end);
        type(By.id("timeZone"), "America/Sao_Paulo");
        new Select(browser.findElement(By.id("queue"))).selectByValue("support");
        type(By.id("reason"), "quer falar da fatura nº 42 ✓");
        waitFor(By.id("window-agent"), BROWSER_ZONE);
        assertThat(text(By.id("window-customer"))).isEqualTo(span(start, end, SAO_PAULO));
        assertThat(text(By.id("window-agent"))).isEqualTo(span(start, end, ZoneId.of(BROWSER_ZONE)));
        waitFor(By.id("schedule"), "America/Sao_Paulo");
        assertThat(browser.findElements(By.cssSelector("#schedule .opening"))).isNotEmpty();

        browser.findElement(By.id("submit")).click();

        waitFor(By.id("recipientName-error"), "must be 3 to 250 characters (it has 2)");
        assertThat(browser.findElement(By.id("recipientName")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElements(By.cssSelector(".field .error"))).as("only the bad field").hasSize(1);
        assertThat(browser.findElement(By.id("phoneNumber")).getDomProperty("value")).as("what was typed stays")
                .isEqualTo(typed);
        assertThat(scheduled.search(number, null, "agent1", null, null, null, 10, 0)).as("nothing stored").isEmpty();
        waitFor(By.id("open-callbacks"), "by agent2");
        waitFor(By.id("window-agent"), BROWSER_ZONE);
        waitFor(By.id("schedule"), "America/Sao_Paulo");
        assertThat(rowOf(earlier).findElement(By.className("name")).getText()).isEqualTo("Eva Martins");
        screenshot();

        type(By.id("recipientName"), "Ana Navegador");
        browser.findElement(By.id("submit")).click();

        waitFor(By.id("notice"), "Callback scheduled for Ana Navegador");
        assertThat(text(By.id("notice"))).contains(byAgent2.toString());
        ScheduledCallbackRow row = scheduled.search(number, null, "agent1", null, null, null, 10, 0).getFirst();
        assertThat(row.recipientName()).isEqualTo("Ana Navegador");
        assertThat(row.phoneNumberAsGiven()).isEqualTo(typed);
        assertThat(row.reason()).isEqualTo("quer falar da fatura nº 42 ✓");
        assertThat(row.window().startLocal()).isEqualTo(start);
        assertThat(row.window().zone()).isEqualTo(SAO_PAULO);
        assertThat(jdbc.sql("select interaction_id from protocol where number = ?").param(row.protocol())
                .query(String.class).single()).as("the protocol of the call the agent is on").isEqualTo(call);
        WebElement listed = rowOf(row.id());
        assertThat(listed.findElement(By.className("customer-window")).getText()).contains(span(start, end, SAO_PAULO));
        assertThat(listed.findElement(By.className("agent-window")).getText())
                .isEqualTo(span(start, end, ZoneId.of(BROWSER_ZONE)));
        assertThat(listed.findElement(By.className("protocol")).getText()).isEqualTo(row.protocol());
    }

    @Test
    void anAgentChangesAndCancelsTheirOwnCallbackButIsOfferedNothingOnSomebodyElses() {
        LocalDateTime start = inSaoPaulo(Duration.ofHours(2));
        UUID mine = created("agent1", newNumber(), "Bruno Lima", start, start.plusHours(1), "me"); // sticky: agent1 owns it
        UUID theirs = created("agent2", newNumber(), "Carla Dias", start, start.plusHours(1));

        logIn("agent1", "/agent");
        waitFor(By.id("agent-zone"), BROWSER_ZONE);
        assertThat(rowOf(mine).findElements(By.className("edit"))).hasSize(1);
        assertThat(rowOf(mine).findElements(By.className("cancel"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("[data-callback-id='" + theirs + "']"))).as("mine only").isEmpty();
        browser.findElement(By.id("show-all")).click();
        waitFor(By.id("show-all"), "By everybody");
        assertThat(rowOf(theirs).findElement(By.className("created-by")).getText()).isEqualTo("agent2");
        assertThat(rowOf(theirs).findElements(By.cssSelector(".edit, .cancel"))).as("not agent1's to change").isEmpty();

        rowOf(mine).findElement(By.className("edit")).click();
        waitFor(By.cssSelector("#schedule-a-callback h2"), "Change the callback");
        assertThat(browser.findElement(By.id("recipientName")).getDomProperty("value")).isEqualTo("Bruno Lima");
        assertThat(browser.findElement(By.id("windowStart")).getDomProperty("value")).isEqualTo(LOCAL.format(start));
        assertThat(text(By.id("owner"))).contains("agent agent1").contains("stays");
        LocalDateTime later = start.plusHours(3);
        setWindow(later, later.plusMinutes(90));
        browser.findElement(By.id("submit")).click();

        waitFor(By.id("notice"), "changed");
        ScheduledCallbackRow changed = scheduled.find(mine).orElseThrow();
        assertThat(changed.window().startLocal()).isEqualTo(later);
        assertThat(changed.window().endLocal()).isEqualTo(later.plusMinutes(90));
        assertThat(changed.recipientName()).isEqualTo("Bruno Lima");
        assertThat(changed.ownerAgent()).as("the owner is carried through the edit").isEqualTo("agent1");
        assertThat(rowOf(mine).findElement(By.className("customer-window")).getText())
                .contains(span(later, later.plusMinutes(90), SAO_PAULO));

        rowOf(mine).findElement(By.className("cancel")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.alertIsPresent()).accept(); // "Cancel the callback to ...?"

        waitFor(By.id("notice"), "cancelled");
        assertThat(callbacks.find(mine).orElseThrow()).satisfies(c -> {
            assertThat(c.status()).isEqualTo(CallbackStatus.CANCELLED);
            assertThat(c.cancelledBy()).isEqualTo("agent1");
        });
        assertThat(rowOf(mine).findElement(By.className("status")).getText()).isEqualTo("CANCELLED");
        assertThat(rowOf(mine).findElements(By.cssSelector(".edit, .cancel"))).as("an ended callback").isEmpty();
        assertThat(callbacks.find(theirs).orElseThrow().status()).isNotEqualTo(CallbackStatus.CANCELLED);
    }

    @Test
    void aViewOnlyUserSeesTheCallbacksButGetsNoCreateButtonAndNoEditOrCancel() {
        LocalDateTime start = inSaoPaulo(Duration.ofHours(2));
        UUID agent1s = created("agent1", newNumber(), "Davi Rocha", start, start.plusHours(1));

        logIn("viewer", "/agent");
        waitFor(By.id("agent-zone"), BROWSER_ZONE);

        assertThat(text(By.id("view-only"))).contains("needs the permission callbacks:create");
        assertThat(browser.findElements(By.id("callback-form"))).isEmpty();
        assertThat(browser.findElements(By.id("submit"))).as("no create button").isEmpty();
        assertThat(browser.findElements(By.xpath("//button[contains(., 'Schedule')]"))).isEmpty();
        assertThat(rowOf(agent1s).findElement(By.className("name")).getText()).isEqualTo("Davi Rocha");
        assertThat(browser.findElements(By.cssSelector(".row-actions .edit, .row-actions .cancel"))).isEmpty();

        browser.get(base() + "/agent/scheduled-callbacks/" + agent1s + "/edit");
        assertThat(text(By.tagName("body"))).contains("needs the permission callbacks:edit, which viewer does not have");
    }

    @Test
    void anAgentWhoseSessionEndedIsSentToTheLoginFormAndBackNotShownItInsideThePage() {
        logIn("agent1", "/agent");
        waitFor(By.id("agent-zone"), BROWSER_ZONE);
        browser.manage().deleteCookieNamed("JSESSIONID"); // as when the session times out

        type(By.id("phoneNumber"), "11 98765 4321"); // the lookup of open callbacks asks the server

        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("/login"));
        assertThat(browser.findElements(By.id("open-callbacks"))).as("the login form is the page").isEmpty();
        browser.findElement(By.id("username")).sendKeys("agent1");
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("/agent"));
        waitFor(By.id("user-name"), "agent1");
    }

    // ------------------------------------------------------------------ helpers

    private String base() {
        return "http://localhost:" + port;
    }

    /** Opens a page, is sent to the login form, logs in and lands on the page. */
    private void logIn(String user, String page) {
        browser.get(base() + page);
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("/agent"));
        waitFor(By.id("user-name"), user);
    }

    private void waitFor(By element, String text) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(element, text));
    }

    private String text(By element) {
        return browser.findElement(element).getText();
    }

    private void type(By field, String value) {
        WebElement input = browser.findElement(field);
        input.clear();
        input.sendKeys(value);
    }

    /**
     * The two datetime-local fields, set as the browser's own picker sets them (what is typed into them by
     * keys depends on the browser's locale), with the change event htmx listens to.
     */
    private void setWindow(LocalDateTime start, LocalDateTime end) {
        for (var field : Map.of("windowStart", start, "windowEnd", end).entrySet()) {
            ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];"
                    + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                    + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                    browser.findElement(By.id(field.getKey())), LOCAL.format(field.getValue()));
        }
    }

    private WebElement rowOf(UUID id) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-callback-id='" + id + "']")));
    }

    private void screenshot() throws IOException {
        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** A callback scheduled through the API, as another user would have. */
    private UUID created(String user, String number, String name, LocalDateTime start, LocalDateTime end) {
        return created(user, number, name, start, end, null);
    }

    @SuppressWarnings("rawtypes")
    private UUID created(String user, String number, String name, LocalDateTime start, LocalDateTime end,
                         String ownerAgent) {
        Map<String, Object> body = new HashMap<>();
        if (ownerAgent != null) {
            body.put("ownerAgent", ownerAgent);
        }
        body.put("phoneNumber", number);
        body.put("recipientName", name);
        body.put("windowStart", LOCAL.format(start));
        body.put("windowEnd", LOCAL.format(end));
        body.put("timeZone", SAO_PAULO.getId());
        body.put("queue", "support");
        var response = rest.withBasicAuth(user, "demo").postForEntity("/api/scheduled-callbacks", body, Map.class);
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
        return UUID.fromString((String) response.getBody().get("id"));
    }

    /** Now in Sao Paulo plus this much, to the minute. */
    private static LocalDateTime inSaoPaulo(Duration fromNow) {
        return LocalDateTime.now(SAO_PAULO).plus(fromNow).truncatedTo(ChronoUnit.MINUTES);
    }

    /** A number as an agent types it: with spaces, without the country code. */
    private static String typed(String e164) {
        String digits = e164.substring(3);
        return digits.substring(0, 2) + " " + digits.substring(2, 7) + " " + digits.substring(7);
    }

    /**
     * How the page writes a window of Sao Paulo in a zone: {@code Thu 3 Dec 2026, 14:00–15:00 America/Sao_Paulo
     * (UTC-03:00)} (both days when it ends on another).
     */
    private static String span(LocalDateTime startInSaoPaulo, LocalDateTime endInSaoPaulo, ZoneId zone) {
        ZonedDateTime from = startInSaoPaulo.atZone(SAO_PAULO).withZoneSameInstant(zone);
        ZonedDateTime to = endInSaoPaulo.atZone(SAO_PAULO).withZoneSameInstant(zone);
        String offset = from.getOffset().getTotalSeconds() == 0 ? "UTC" : "UTC" + from.getOffset().getId();
        String until = from.toLocalDate().equals(to.toLocalDate()) ? "–" + to.toLocalTime().truncatedTo(ChronoUnit.MINUTES)
                : " – " + SHOWN.format(to);
        return SHOWN.format(from) + until + " " + zone.getId() + " (" + offset + ")";
    }
}
