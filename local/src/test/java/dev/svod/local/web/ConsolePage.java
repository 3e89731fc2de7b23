package dev.svod.local.web;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the browser tests do on the console, in the console's own terms (upload cards, video cards,
 * the player), so the scenarios read as steps and the selectors live in one place.
 */
final class ConsolePage {

  private final ChromeDriver driver;
  private final URI base;

  ConsolePage(ChromeDriver driver, URI base) {
    this.driver = driver;
    this.base = base;
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Opens a page in a fresh document (a hash change alone would keep the previous page's state). */
  private void open(String route) {
    driver.get("about:blank");
    driver.get(base.resolve("/#/" + route).toString());
  }

  void openUpload() {
    open("upload");
    until(Duration.ofSeconds(15), "the upload page", d -> present(By.id("file-input")));
  }

  void openLibrary() {
    open("library");
    until(Duration.ofSeconds(15), "the library", d -> present(By.cssSelector("#video-grid, .state--empty, .state--error")));
  }

  /** Picks a file as a person would with the file dialog. */
  void choose(Path file) {
    driver.findElement(By.id("file-input")).sendKeys(file.toAbsolutePath().toString());
  }

  /** The card of the newest upload of {@code fileName}. */
  WebElement uploadCard(String fileName) {
    return until(Duration.ofSeconds(15), "an upload card for " + fileName, d -> driver
        .findElements(By.cssSelector(".upload")).stream()
        .filter(card -> card.findElement(By.cssSelector(".upload__name")).getText().equals(fileName))
        .findFirst().orElse(null));
  }

  /** Waits for the upload card to reach {@code state} (done, failed, ...), returning the card. */
  WebElement awaitUploadState(String fileName, String state, Duration timeout) {
    return until(timeout, "upload of " + fileName + " to be " + state, d -> {
      WebElement card = uploadCard(fileName);
      String now = card.getAttribute("data-upload-state");
      if (!state.equals(now) && "failed".equals(now)) {
        throw new AssertionError("upload of " + fileName + " failed: " + card.getText());
      }
      return state.equals(now) ? card : null;
    });
  }

  /** Waits until at least {@code parts} parts of the upload are in S3. */
  void awaitPartsDone(String fileName, int parts, Duration timeout) {
    until(timeout, parts + " uploaded part(s) of " + fileName, d -> {
      String done = uploadCard(fileName).getAttribute("data-parts-done");
      return done != null && Integer.parseInt(done) >= parts ? done : null;
    });
  }

  /**
   * Waits for the library card of {@code videoId} to show {@code status}, failing early on FAILED;
   * returns the card's text then (the element itself may be re-rendered any time).
   */
  String awaitVideoStatus(String videoId, String status, Duration timeout) {
    By card = By.cssSelector(".video-card[data-video-id='" + videoId + "']");
    return until(timeout, "video " + videoId + " to be " + status + " in the library", d -> {
      List<WebElement> cards = driver.findElements(card);
      if (cards.isEmpty()) {
        return null;
      }
      String now = cards.get(0).getAttribute("data-status");
      if (!status.equals(now) && "FAILED".equals(now)) {
        throw new AssertionError("video " + videoId + " failed: " + cards.get(0).getText());
      }
      return status.equals(now) ? cards.get(0).getText() : null;
    });
  }

  /** Deletes a video from its library card, confirming the browser's dialog, and waits for the card to go. */
  void deleteVideo(String videoId) {
    By card = By.cssSelector(".video-card[data-video-id='" + videoId + "']");
    driver.findElement(card).findElement(By.cssSelector("[data-action=delete]")).click();
    until(Duration.ofSeconds(5), "the confirmation dialog", d -> d.switchTo().alert()).accept();
    until(Duration.ofSeconds(15), "the card of " + videoId + " to go", d -> present(card) ? null : true);
  }

  /** Opens the player from the library card of {@code videoId}, waiting for the quality menu. */
  void watch(String videoId) {
    driver.findElement(By.cssSelector(".video-card[data-video-id='" + videoId + "'] a.btn--primary")).click();
    until(Duration.ofSeconds(30), "the player to load the stream", d -> {
      WebElement frame = driver.findElement(By.cssSelector(".player"));
      if ("error".equals(frame.getAttribute("data-state"))) {
        throw new AssertionError("player error: " + frame.getText() + "\n" + Chromium.consoleLog(driver));
      }
      return "ready".equals(frame.getAttribute("data-state")) ? frame : null;
    });
  }

  /** The quality menu's entries, "Auto" first. */
  List<String> qualityOptions() {
    return optionTexts(By.id("quality"));
  }

  /** Waits for the audio-language menu to appear (it shows only when there are several tracks). */
  Select awaitAudioMenu() {
    return until(Duration.ofSeconds(30), "the audio-language menu", d -> {
      WebElement menu = driver.findElement(By.id("audio-track"));
      return menu.isDisplayed() ? new Select(menu) : null;
    });
  }

  /** Whether the audio-language menu is on screen. */
  boolean audioMenuShown() {
    return driver.findElement(By.id("audio-track")).isDisplayed();
  }

  /** The audio-language menu's entries (the tracks' playlist NAMEs). */
  List<String> audioOptions() {
    return optionTexts(By.id("audio-track"));
  }

  /** Presses {@code key} on the audio-language menu, as a keyboard user does (Tab to it, then arrows). */
  void pressOnAudioMenu(Keys key) {
    driver.findElement(By.id("audio-track")).sendKeys(key);
  }

  /**
   * Waits until hls.js has buffered the audio track of {@code language} (its playlist LANGUAGE, e.g.
   * "de"): the player names it in {@code data-audio-language} when the switch is complete.
   */
  void awaitAudioLanguage(String language, Duration timeout) {
    until(timeout, "hls.js to play the audio track in '" + language + "'",
        d -> language.equals(driver.findElement(By.cssSelector(".player")).getDomAttribute("data-audio-language")) ? true : null);
  }

  /** Whether the browser fetched a file whose URL contains {@code urlPart} (Resource Timing). */
  boolean fetched(String urlPart) {
    return (Boolean) driver.executeScript(
        "return performance.getEntriesByType('resource').some(entry => entry.name.includes(arguments[0]))", urlPart);
  }

  /** Hovers the seek bar at {@code fraction} of its width; returns the preview thumbnail. */
  WebElement hoverSeekBar(double fraction) {
    WebElement seek = driver.findElement(By.id("seek"));
    int x = (int) Math.round(seek.getSize().getWidth() * (fraction - 0.5));
    new Actions(driver).moveToElement(seek, x, 0).perform();
    return until(Duration.ofSeconds(5), "the seek preview", d -> {
      WebElement preview = driver.findElement(By.cssSelector(".seek__preview"));
      return preview.isDisplayed() ? preview.findElement(By.cssSelector(".seek__thumb")) : null;
    });
  }

  /** Picks the quality menu's entry starting with {@code label} ("234p", "Auto"). */
  void chooseQuality(String label) {
    Select menu = new Select(driver.findElement(By.id("quality")));
    menu.getOptions().stream()
        .filter(option -> option.getText().startsWith(label))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no quality " + label + " in " + qualityOptions()))
        .click();
  }

  private List<String> optionTexts(By menu) {
    return new Select(driver.findElement(menu)).getOptions().stream().map(WebElement::getText).toList();
  }

  void play() {
    driver.findElement(By.id("play-button")).click();
  }

  double currentTime() {
    Object value = ((JavascriptExecutor) driver).executeScript("return document.getElementById('player-video').currentTime");
    return ((Number) value).doubleValue();
  }

  /** Waits until playback has passed {@code seconds}. */
  double awaitCurrentTimeAbove(double seconds, Duration timeout) {
    return until(timeout, "currentTime to pass " + seconds + " s", d -> {
      double now = currentTime();
      return now > seconds ? now : null;
    });
  }

  String text(By by) {
    return driver.findElement(by).getText();
  }

  boolean present(By by) {
    return !driver.findElements(by).isEmpty();
  }

  <T> T until(Duration timeout, String what, Function<WebDriver, T> condition) {
    try {
      // The library re-renders a card when its video changes: a stale element means "look again".
      return new WebDriverWait(driver, timeout, Duration.ofMillis(100))
          .ignoring(StaleElementReferenceException.class)
          .until(condition);
    } catch (TimeoutException e) {
      throw new AssertionError("Timed out after " + timeout + " waiting for " + what
          + "\nPage: " + driver.findElement(By.tagName("main")).getText()
          + "\nBrowser console:\n" + Chromium.consoleLog(driver), e);
    }
  }
}
