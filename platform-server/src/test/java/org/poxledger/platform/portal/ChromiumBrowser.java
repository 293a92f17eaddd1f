package org.poxledger.platform.portal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium with its own profile: one browser session, as one person at one computer. Driven by
 * the chromedriver of the same package; Selenium Manager is never asked for anything (no internet on these machines),
 * because both the driver executable and the browser binary are given.
 *
 * <p>Every step waits on a condition of the page ({@link WebDriverWait}), never for a fixed time.
 */
final class ChromiumBrowser implements AutoCloseable {

    static final String CHROMIUM = env("POX_CHROMIUM", "/usr/bin/chromium");
    static final String CHROMEDRIVER = env("POX_CHROMEDRIVER", "/usr/bin/chromedriver");

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** Selenium warns on every start that it has no DevTools module for this Chromium; the tests use none. */
    private static final Logger DEVTOOLS_LOG = quiet("org.openqa.selenium.devtools");

    private final String baseUrl;
    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final WebDriverWait wait;

    private ChromiumBrowser(String baseUrl) throws IOException {
        this.baseUrl = baseUrl;
        this.profile = Files.createTempDirectory("pox-chromium-profile");
        this.service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // without these Chromium tries to reach Google's services, which fails noisily on machines without internet
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--disable-dev-shm-usage",
                "--window-size=1280,1900",
                "--user-data-dir=" + profile);
        // the page's console, for asserting that nothing on it was refused (a Content-Security-Policy violation, a
        // failed script)
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        this.driver = new ChromeDriver(service, options);
        this.wait = new WebDriverWait(driver, PATIENCE);
    }

    /**
     * @return a fresh browser session on the server
     * @throws AssertionError naming the install command when Chromium or its driver is missing: the journey is a
     *     required test, never silently skipped
     */
    static ChromiumBrowser open(String baseUrl) {
        requireInstalled();
        try {
            return new ChromiumBrowser(baseUrl);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a Chromium profile directory", e);
        }
    }

    static void requireInstalled() {
        for (String executable : new String[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(Path.of(executable))) {
                throw new AssertionError(
                        "The portal's browser test needs Debian's Chromium and its driver, but "
                                + executable + " is missing. Install them with:"
                                + " sudo apt-get update && sudo apt-get install -y chromium chromium-driver"
                                + " (or point POX_CHROMIUM and POX_CHROMEDRIVER at another Chromium and matching chromedriver).");
            }
        }
    }

    /** Opens a path of the server and waits until the page has loaded. */
    ChromiumBrowser go(String path) {
        driver.get(path.startsWith("http") ? path : baseUrl + path);
        return this;
    }

    /** Replaces the text of the field with that id. */
    ChromiumBrowser type(String id, String text) {
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /** Chooses an option of the select with that id by its value. */
    ChromiumBrowser choose(String id, String value) {
        new Select(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)))).selectByValue(value);
        return this;
    }

    /** Clicks the element and waits until the page it led to has replaced the current one. */
    ChromiumBrowser clickAndWait(By target) {
        WebElement element = wait.until(ExpectedConditions.elementToBeClickable(target));
        WebElement html = driver.findElement(By.tagName("html"));
        element.click();
        wait.until(driver -> replaced(html));
        return this;
    }

    /**
     * Whether the page holding this element has been replaced. Chromium answers a query on a node of the unloading page
     * either with a stale-element error or, mid-navigation, with a generic inspector error saying the node no longer
     * belongs to the document; both mean the same thing here.
     */
    private static boolean replaced(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** Clicks the element with that id when it is enabled, for buttons a page's script handles without navigating. */
    ChromiumBrowser click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
        return this;
    }

    /**
     * Runs an asynchronous script in the page ({@code arguments[arguments.length - 1]} is its callback), as the page's
     * own code could.
     *
     * @return what the script passed to the callback
     */
    Object runAsync(String script, Object... arguments) {
        return driver.executeAsyncScript(script, arguments);
    }

    /** Submits the form holding the element with that id by clicking its submit button. */
    ChromiumBrowser submit(String fieldId) {
        WebElement field = driver.findElement(By.id(fieldId));
        return clickAndWait(By.cssSelector("form:has(#" + cssId(field) + ") button[type=submit]"));
    }

    /** Clicks the button with that text in the table row headed by {@code rowHeader}. */
    ChromiumBrowser pressInRow(String rowHeader, String buttonText) {
        return clickAndWait(By.xpath(
                "//tr[th[normalize-space()='" + rowHeader + "']]//button[normalize-space()='" + buttonText + "']"));
    }

    /** @return the visible text of the element with that id, once it is there */
    String text(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)))
                .getText();
    }

    /** @return the visible text of the element matching the CSS selector, once it is there */
    String textOf(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)))
                .getText();
    }

    /** @return the visible text of every element matching the CSS selector, in page order */
    List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream()
                .map(WebElement::getText)
                .toList();
    }

    /** @return the value attribute of the element matching the CSS selector */
    String value(String css) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)))
                .getDomAttribute("value");
    }

    /** @return whether an element with that id is on the page now */
    boolean has(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    /** Waits until the element with that id shows the text (reloading the page between looks if asked). */
    ChromiumBrowser awaitText(String id, String expected, boolean reload) {
        new WebDriverWait(driver, PATIENCE)
                .withMessage(() -> "#" + id + " to show \"" + expected + "\" on " + driver.getCurrentUrl())
                .until(d -> {
                    if (reload) {
                        d.navigate().refresh();
                    }
                    return d.findElements(By.id(id)).stream()
                            .anyMatch(e -> e.getText().contains(expected));
                });
        return this;
    }

    /** @return the element, once it is on the page (visible or not: an SVG group has no box of its own) */
    WebElement await(By target) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(target));
    }

    /** @return how many elements match now */
    int count(By target) {
        return driver.findElements(target).size();
    }

    /** Waits until no element matches. */
    ChromiumBrowser awaitGone(By target) {
        wait.until(ExpectedConditions.numberOfElementsToBe(target, 0));
        return this;
    }

    /** Waits until the element's attribute has that value (a script of the page sets it). */
    ChromiumBrowser awaitAttribute(By target, String attribute, String expected) {
        wait.until(ExpectedConditions.attributeToBe(target, attribute, expected));
        return this;
    }

    /**
     * Runs a script in the page (Chromium's DevTools evaluates it, outside the page's Content-Security-Policy), to read
     * what only a script can see, such as a chart's data or the pixels of a canvas.
     */
    Object script(String javascript, Object... arguments) {
        return driver.executeScript(javascript, arguments);
    }

    /** @return the console's errors since the last call: refused resources, CSP violations, failed scripts */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** @return the path of the page shown, without the server's address */
    String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(baseUrl) ? url.substring(baseUrl.length()) : url;
    }

    /** @return the whole page's visible text */
    String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** @return the session cookie, for sending a request exactly as this browser would */
    Cookie cookie(String name) {
        return driver.manage().getCookieNamed(name);
    }

    /** Saves a PNG of the viewport. */
    Path screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path taken = driver.getScreenshotAs(OutputType.FILE).toPath();
        return Files.copy(taken, file, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Saves a PNG of the page as {@code <name>.png} into the folder named by {@code POX_PORTAL_SCREENSHOTS}, for looking
     * at every page of a journey; does nothing when the variable is not set.
     */
    ChromiumBrowser snap(String name) throws IOException {
        String folder = System.getenv("POX_PORTAL_SCREENSHOTS");
        if (folder != null && !folder.isBlank()) {
            screenshot(Path.of(folder, name + ".png"));
        }
        return this;
    }

    /** Like {@link #snap(String)}, at a phone's width (390 CSS pixels), to look at the responsive layout. */
    ChromiumBrowser snapNarrow(String name) throws IOException {
        if (System.getenv("POX_PORTAL_SCREENSHOTS") != null) {
            Dimension size = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(390, 1400));
            try {
                snap(name);
            } finally {
                driver.manage().window().setSize(size);
            }
        }
        return this;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    private static String cssId(WebElement field) {
        return field.getDomAttribute("id").replace(".", "\\.");
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
