package dev.loanflow.origination.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.loanflow.infra.SharedInfrastructure;
import dev.loanflow.infra.testdata.TestClients;
import dev.loanflow.origination.Merchants;
import dev.loanflow.origination.OriginationIntegrationTest;

/**
 * The ops dashboard in a real browser (Debian's Chromium, headless): the counts follow new applications, and a
 * click shows an application's timeline. Runs where {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}
 * exist; .ci/run installs them.
 */
@EnabledIf("chromiumInstalled")
class OpsDashboardBrowserIT extends OriginationIntegrationTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @LocalServerPort
    int port;

    WebDriver browser;

    static boolean chromiumInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    }

    @BeforeEach
    void openBrowser() {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toString()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,900");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(), options);
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    void countsFollowNewApplicationsAndAClickShowsTheTimeline() {
        Merchants merchant = new Merchants(http, "merchant-g");
        browser.get("http://localhost:" + port + "/ops/index.html#token="
                + SharedInfrastructure.authorizationServer().token(TestClients.OPERATOR));
        // the dashboard re-renders as events arrive, so an element found may be replaced before it is read
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(page -> "live".equals(page.findElement(By.id("connection")).getText()));
        long before = wait.until(page -> newCount());

        Map<String, Object> application = Merchants.validApplication();
        String id = merchant.submit(application).getBody().get("applicationId").asText();
        wait.until(page -> newCount() == before + 1);
        wait.until(page -> !page.findElements(By.cssSelector("tr.app[data-id='" + id + "']")).isEmpty());
        wait.until(page -> {
            page.findElement(By.cssSelector("tr.app[data-id='" + id + "']")).click();
            return true;
        });
        wait.until(page -> page.findElement(By.id("timeline")).getText().contains("NEW"));

        assertThat(browser.findElement(By.id("selected")).getText()).isEqualTo(application.get("orderId"));
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("→ NEW").contains("SUBMITTED");
        wait.until(page -> page.findElement(By.id("reconciliation")).getText().contains("not configured"));
    }

    private long newCount() {
        return Long.parseLong(browser.findElement(By.cssSelector("[data-status='NEW'] .count")).getText());
    }
}
