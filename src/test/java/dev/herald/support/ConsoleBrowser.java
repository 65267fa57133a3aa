package dev.herald.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver (never a driver Selenium Manager
 * would download), on Herald's console: finds controls the way a user does, by their visible label
 * or text; saves screenshots under target/console-screenshots; runs axe-core on the page.
 */
public final class ConsoleBrowser implements AutoCloseable {

    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** What a skipped browser test says: {@code @EnabledIf(value = INSTALLED, disabledReason = MISSING)}. */
    public static final String INSTALLED = "dev.herald.support.ConsoleBrowser#installed";
    public static final String MISSING = "browser tests skipped: install the Debian packages chromium and chromium-driver "
            + "(/usr/bin/chromium and /usr/bin/chromedriver)";
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private final ChromeDriver driver;
    private final String baseUrl;
    private final WebDriverWait wait;

    private ConsoleBrowser(ChromeDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(50));
        // the console redraws a screen after each change: an element found a moment ago may be gone
        wait.ignoring(StaleElementReferenceException.class);
    }

    public static boolean installed() {
        return Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
    }

    public static ConsoleBrowser open(String baseUrl) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,800", "--lang=en-GB", "--no-first-run", "--disable-extensions");
        return new ConsoleBrowser(new ChromeDriver(service, options), baseUrl);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a path of Herald (the console's own, or "/" which redirects to it). */
    public ConsoleBrowser visit(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    /** Goes to a screen of the signed-in console, e.g. "#/deliveries", and waits until it has drawn. */
    public ConsoleBrowser show(String fragment) {
        // the screen's timing is cleared first, so waiting for it waits for this screen, not the one before
        script("document.getElementById('view').removeAttribute('data-render-ms');"
                + "if (location.hash === arguments[0]) { window.dispatchEvent(new HashChangeEvent('hashchange')); }"
                + "else { location.hash = arguments[0]; }", fragment);
        return settled();
    }

    /** Waits until the current screen has finished its API calls and drawn. */
    public ConsoleBrowser settled() {
        wait.until(d -> script("return document.getElementById('view').getAttribute('aria-busy') === null"
                + " && document.getElementById('view').dataset.renderMs !== undefined").equals(Boolean.TRUE));
        return this;
    }

    /** Signs in on a fresh page: whoever was signed in before is forgotten first. */
    public ConsoleBrowser signIn(String username, String password) {
        signedOut();
        fill("Username", username);
        fill("Password", password);
        button("Sign In").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-out")));
        return settled();
    }

    /**
     * A fresh page with nobody signed in. It waits for the page to restore its session (or show the
     * sign-in) before signing out: clearing the storage while it restores would race its save.
     */
    public ConsoleBrowser signedOut() {
        visit("/console/");
        WebElement shown = wait.until(d -> d.findElements(By.cssSelector("#sign-in, #sign-out")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
        if ("sign-out".equals(shown.getAttribute("id"))) {
            signOut();
        }
        return this;
    }

    public void signOut() {
        button("Sign Out").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
    }

    /** The visible button with exactly this text (or aria-label), inside the open dialog when one is open. */
    public WebElement button(String text) {
        By by = By.xpath(".//button[normalize-space()=" + literal(text) + " or @aria-label=" + literal(text) + "]");
        return wait.until(d -> {
            SearchContext within = dialog();
            return within.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
        });
    }

    public List<WebElement> buttons(String text) {
        return driver.findElements(By.xpath("//button[normalize-space()=" + literal(text) + "]")).stream()
                .filter(WebElement::isDisplayed).toList();
    }

    public WebElement link(String text) {
        return visible(By.xpath(scope() + "//a[normalize-space()=" + literal(text) + "]"));
    }

    /** The control labelled {@code label}: by a label element (for= or wrapping), or by aria-label. */
    public WebElement control(String label) {
        return wait.until(d -> {
            SearchContext within = dialog();
            for (WebElement candidate : within.findElements(By.xpath(".//label[normalize-space()=" + literal(label)
                    + " or normalize-space(text())=" + literal(label) + "]"))) {
                String target = candidate.getAttribute("for");
                WebElement control = target != null ? d.findElement(By.id(target))
                        : candidate.findElements(By.cssSelector("input, select, textarea")).stream().findFirst().orElse(null);
                if (control != null && control.isDisplayed()) {
                    return control;
                }
            }
            return within.findElements(By.xpath(".//*[@aria-label=" + literal(label) + "]")).stream()
                    .filter(WebElement::isDisplayed).findFirst().orElse(null);
        });
    }

    public ConsoleBrowser fill(String label, String value) {
        WebElement control = control(label);
        control.clear();
        control.sendKeys(value);
        return this;
    }

    public ConsoleBrowser choose(String label, String optionText) {
        new org.openqa.selenium.support.ui.Select(control(label)).selectByVisibleText(optionText);
        return this;
    }

    /** Clicks the radio button or checkbox whose label reads {@code text}. */
    public ConsoleBrowser pick(String text) {
        visible(By.xpath(scope() + "//label[normalize-space()=" + literal(text) + "]")).click();
        return this;
    }

    /** Clicks the radio button or checkbox labelled {@code text} inside the fieldset whose legend reads {@code legend}. */
    public ConsoleBrowser pickIn(String legend, String text) {
        visible(By.xpath(scope() + "//fieldset[legend[normalize-space()=" + literal(legend) + "]]//label[normalize-space()="
                + literal(text) + "]")).click();
        return this;
    }

    /** Waits until the page's text shows {@code text}. */
    public ConsoleBrowser sees(String text) {
        wait.until(d -> pageText().contains(text));
        return this;
    }

    public ConsoleBrowser doesNotSee(String text) {
        wait.until(d -> !pageText().contains(text));
        return this;
    }

    /** What the page shows, but for the live region's last message (see {@link #status}). */
    public String pageText() {
        return (String) script("return [...document.body.children].filter(e => e.id !== 'status')"
                + ".map(e => e.innerText || '').join('\\n')");
    }

    /** What the live region last said (test results, saves, errors). */
    public String status() {
        return driver.findElement(By.id("status")).getText();
    }

    public <T> T until(Function<WebDriver, T> condition) {
        return wait.until(condition);
    }

    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** The page in a viewport of this size, e.g. a phone's 390 × 844. */
    public ConsoleBrowser resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        return this;
    }

    /** Saves what the browser shows as target/console-screenshots/{name}.png. */
    public ConsoleBrowser screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("Could not save the screenshot " + name, e);
        }
        return this;
    }

    /** Runs axe-core on the page as it stands and fails on any serious or critical violation. */
    public ConsoleBrowser accessible(String what) {
        AxeRunOptions violationsOnly = new AxeRunOptions();
        violationsOnly.setResultTypes(List.of("violations"));
        long started = System.nanoTime();
        Results results = new AxeBuilder().disableIframeTesting().withOptions(violationsOnly).analyze(driver);
        System.out.printf("axe-core on %s: %d ms%n", what, (System.nanoTime() - started) / 1_000_000);
        List<String> violations = results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(ConsoleBrowser::describe)
                .toList();
        assertThat(violations).as("axe-core's serious and critical violations on " + what).isEmpty();
        return this;
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList();
    }

    private WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Controls are looked for in the open dialog when there is one, as a user's eyes would. */
    private String scope() {
        return driver.findElements(By.cssSelector("dialog[open]")).isEmpty() ? "" : "//dialog[@open]";
    }

    private SearchContext dialog() {
        List<WebElement> open = driver.findElements(By.cssSelector("dialog[open]"));
        return open.isEmpty() ? driver : open.get(open.size() - 1);
    }

    /** An XPath string literal for any text, quotes included. */
    private static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    @Override
    public void close() {
        driver.quit();
    }
}
