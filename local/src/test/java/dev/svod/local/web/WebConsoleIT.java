package dev.svod.local.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svod.functions.VodConfig;
import dev.svod.local.runtime.Outages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console in a real browser (Debian's Chromium) against {@code vod local} running in this
 * JVM: upload a clip through the page, watch it become READY in the library and play it; switch the
 * audio language of a clip with two; reload in the middle of an upload and resume it; refuse a text
 * file with a message. Screenshots of every page land in {@code target/screenshots/} for review.
 */
class WebConsoleIT {

  private static final Duration PROCESSING = Duration.ofMinutes(4);

  @TempDir static Path workDir;
  private static LocalConsole runtime;
  private static ChromeDriver driver;
  private ConsolePage console;

  /** A failed scenario leaves a picture of the page it failed on. */
  @RegisterExtension
  final TestWatcher screenshotOnFailure = Chromium.screenshotOnFailure(() -> driver);

  @BeforeAll
  static void startRuntimeAndBrowser() throws Exception {
    driver = Chromium.start(); // first: skips (or fails in CI) before anything heavy starts
    runtime = LocalConsole.start(workDir.resolve("data"));
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (runtime != null) {
      runtime.close();
    }
  }

  @BeforeEach
  void openConsole() {
    console = new ConsolePage(driver, runtime.baseUri());
    Chromium.throttleUploads(driver, -1);
  }

  @AfterEach
  void clearRememberedUploads() {
    driver.executeScript("if (location.protocol.startsWith('http')) localStorage.clear()");
  }

  @Test
  void uploadedClipBecomesReadyPlaysWithTwoRenditionsAndCanBeDeleted() throws Exception {
    // Given a 640x360 clip: large enough for two ladder rungs (360p, 234p)
    Path clip = TestMedia.clip(Files.createDirectories(workDir.resolve("clips")), "bars-and-tone.mp4", 640, 360, 4);

    // When it is uploaded through the page
    WebElement card = uploadThroughPage(clip);
    String videoId = card.getAttribute("data-video-id");
    assertThat(card.getText()).contains("uploaded");
    console.until(Duration.ofSeconds(60), "per-rendition progress on the upload card",
        d -> card.findElements(By.cssSelector(".upload__processing .renditions")).isEmpty() ? null : true);
    Chromium.screenshot(driver, "upload");

    // Then the library shows it READY, with its poster and duration
    console.openLibrary();
    String video = console.awaitVideoStatus(videoId, "READY", PROCESSING);
    assertThat(video).contains("bars-and-tone", "0:04");
    console.until(Duration.ofSeconds(15), "the poster to load",
        d -> (Boolean) driver.executeScript(
            "const img = document.querySelector(\".video-card[data-video-id='" + videoId + "'] .thumb img\");"
                + " return img !== null && img.complete && img.naturalWidth > 0;") ? true : null);
    Chromium.screenshot(driver, "library");

    // And the player offers both renditions, switches to the one chosen and plays
    console.watch(videoId);
    assertThat(console.qualityOptions()).first().isEqualTo("Auto");
    assertThat(console.qualityOptions()).hasSizeGreaterThanOrEqualTo(3).anyMatch(o -> o.startsWith("360p")).anyMatch(o -> o.startsWith("234p"));
    console.chooseQuality("234p");
    console.until(Duration.ofSeconds(15), "the player to show the chosen rendition",
        d -> console.text(By.id("now-playing")).matches("Now playing 234p .*Manual") ? true : null);
    console.play();
    double first = console.awaitCurrentTimeAbove(0.3, Duration.ofSeconds(20));
    double later = console.awaitCurrentTimeAbove(first + 0.5, Duration.ofSeconds(20));
    assertThat(later).isGreaterThan(first);
    Chromium.screenshot(driver, "player");

    // And with its one (untagged) audio track playing, there is no audio-language menu
    console.awaitAudioLanguage("und", Duration.ofSeconds(30));
    assertThat(console.audioMenuShown()).isFalse();

    // And the seek bar previews storyboard thumbnails
    console.until(Duration.ofSeconds(10), "the storyboard cues", d -> {
      String cues = driver.findElement(By.cssSelector(".player")).getDomAttribute("data-storyboard");
      return cues != null && Integer.parseInt(cues) > 0 ? cues : null;
    });
    WebElement thumbnail = console.hoverSeekBar(0.5);
    assertThat(thumbnail.getCssValue("background-image")).contains("storyboard.jpg?")
        .as("signed like every request of the video").contains("Key-Pair-Id=WEB-CONSOLE-IT");
    assertThat(thumbnail.getSize().getWidth()).isGreaterThan(0);
    Chromium.viewportScreenshot(driver, "player-storyboard");

    // And deleting it from the library removes it for good
    console.openLibrary();
    console.deleteVideo(videoId);
    console.openLibrary();
    assertThat(console.present(By.cssSelector(".video-card[data-video-id='" + videoId + "']"))).isFalse();
  }

  @Test
  void audioLanguageMenuSwitchesTheTrackHlsJsPlays() throws Exception {
    // Given a READY clip with an English and a German audio stream
    Path clip = TestMedia.twoLanguageClip(Files.createDirectories(workDir.resolve("languages")), "two-languages.mp4", 3);
    String videoId = uploadThroughPage(clip).getAttribute("data-video-id");
    console.openLibrary();
    console.awaitVideoStatus(videoId, "READY", PROCESSING);

    // When it is opened in the player
    console.watch(videoId);

    // Then the audio menu lists both languages by name, English (the source's first stream) playing
    Select audio = console.awaitAudioMenu();
    assertThat(console.audioOptions()).containsExactly("English", "Deutsch");
    assertThat(audio.getOptions()).extracting(option -> option.getDomAttribute("lang")).containsExactly("en", "de");
    assertThat(audio.getFirstSelectedOption().getText()).isEqualTo("English");
    console.awaitAudioLanguage("en", Duration.ofSeconds(30));
    assertThat(console.fetched("/audio-deu/")).as("German audio fetched before it was chosen").isFalse();

    // And choosing Deutsch (from the keyboard) makes hls.js fetch and buffer the German rendition
    console.pressOnAudioMenu(Keys.ARROW_DOWN);
    console.awaitAudioLanguage("de", Duration.ofSeconds(30));
    assertThat(audio.getFirstSelectedOption().getText()).isEqualTo("Deutsch");
    assertThat(console.fetched("/audio-deu/seg_")).isTrue();

    // And it plays on in German
    console.play();
    console.awaitCurrentTimeAbove(1.0, Duration.ofSeconds(20));
    assertThat(audio.getFirstSelectedOption().getText()).isEqualTo("Deutsch");

    // And the renditions table names both audio languages
    assertThat(console.text(By.cssSelector(".video-info table"))).contains("English", "Deutsch");
    Chromium.screenshot(driver, "player-audio-languages");
  }

  @Test
  void aPartiallyReadyVideoOffersToRetryItsFailedRenditionsAndBecomesReady() throws Exception {
    // Given a READY clip that an outage left PARTIALLY_READY with its audio FAILED
    Path clip = TestMedia.clip(Files.createDirectories(workDir.resolve("outage")), "outage.mp4", 320, 180, 2);
    String videoId = uploadThroughPage(clip).getAttribute("data-video-id");
    console.openLibrary();
    console.awaitVideoStatus(videoId, "READY", PROCESSING);
    Outages.leavePartiallyReady(runtime.runtime(), videoId, "audio");
    console.openLibrary();
    console.awaitVideoStatus(videoId, "PARTIALLY_READY", Duration.ofSeconds(15));

    // When its page, which names the failed rendition, is asked to retry it
    console.watch(videoId);
    WebElement retry = console.until(Duration.ofSeconds(15), "the retry button",
        d -> d.findElements(By.id("retry-button")).stream().findFirst().orElse(null));
    assertThat(console.text(By.id("processing-note"))).contains("audio failed");
    Chromium.screenshot(driver, "player-retry");
    retry.click();

    // Then the video becomes READY on the page, without a reload
    console.until(PROCESSING, "the video to be READY again",
        d -> console.present(By.cssSelector(".video-info__head .badge--ready")) ? true : null);
    assertThat(console.present(By.id("retry-button"))).isFalse();
  }

  @Test
  void reloadInTheMiddleOfAnUploadResumesItWithoutResendingFinishedParts() throws Exception {
    // Given a file of three parts uploading over a slow link
    Path large = startSlowUpload("raw-bars.mkv");

    // When the page is reloaded after the first part arrived but before the last
    console.awaitPartsDone("raw-bars.mkv", 1, Duration.ofSeconds(60));
    assertThat(console.uploadCard("raw-bars.mkv").getAttribute("data-upload-state")).isEqualTo("uploading");
    driver.navigate().refresh();

    // Then the page lists the unfinished upload, and picking the file again resumes it
    console.until(Duration.ofSeconds(15), "the unfinished upload", d -> console.present(By.cssSelector(".pending")) ? true : null);
    assertThat(console.text(By.cssSelector(".pending"))).contains("raw-bars.mkv");
    Chromium.screenshot(driver, "upload-unfinished");
    Chromium.throttleUploads(driver, -1);
    console.choose(large);
    WebElement card = console.awaitUploadState("raw-bars.mkv", "done", Duration.ofSeconds(90));
    assertThat(card.findElement(By.cssSelector(".upload__notice")).getAttribute("textContent"))
        .matches("Resumed: [12] of 3 parts were already uploaded\\.");
    assertThat(console.present(By.cssSelector(".pending"))).as("nothing left unfinished").isFalse();
  }

  @Test
  void droppedConnectionMidUploadFinishesWhenTheConnectionIsBack() throws Exception {
    // Given an upload under way on a slow link
    startSlowUpload("raw-offline.mkv");
    console.until(Duration.ofSeconds(30), "bytes on the way", d -> {
      String stats = console.uploadCard("raw-offline.mkv").findElement(By.cssSelector(".upload__stats")).getText();
      return stats.matches("[1-9].* of .*") ? stats : null;
    });

    // When the connection drops, the card says so and keeps the upload
    Chromium.goOffline(driver);
    WebElement card = console.uploadCard("raw-offline.mkv");
    console.until(Duration.ofSeconds(20), "the card to report the lost connection", d -> {
      String notice = card.findElement(By.cssSelector(".upload__notice")).getAttribute("textContent");
      return notice.contains("offline") || notice.contains("Connection lost") ? notice : null;
    });
    assertThat(card.getAttribute("data-upload-state")).isIn("uploading", "completing");
    Chromium.screenshot(driver, "upload-offline");

    // Then it finishes by itself once the connection is back
    Chromium.throttleUploads(driver, -1);
    console.awaitUploadState("raw-offline.mkv", "done", Duration.ofSeconds(90));
  }

  @Test
  void fileOverTheUploadLimitIsRefusedWithTheLimit() throws Exception {
    // Given a video file larger than the API's limit (sparse: no disk space used)
    long tooLarge = VodConfig.DEFAULT_MAX_UPLOAD_BYTES + 1;
    Path huge = TestMedia.sparseFile(Files.createDirectories(workDir.resolve("huge")), "huge.mp4", tooLarge);

    // When it is picked for upload
    console.openUpload();
    console.choose(huge);

    // Then the page says it is too large, with the API's limit
    WebElement error = console.awaitUploadState("huge.mp4", "failed", Duration.ofSeconds(15))
        .findElement(By.cssSelector(".upload__error"));
    assertThat(error.getText())
        .startsWith("This file is too large to upload (53.7 GB).")
        .contains(Long.toString(VodConfig.DEFAULT_MAX_UPLOAD_BYTES));
  }

  @Test
  void textFileIsRefusedWithAMessage() throws Exception {
    // Given a text file
    Path notes = TestMedia.textFile(Files.createDirectories(workDir.resolve("text")), "meeting-notes.txt");

    // When it is picked for upload
    console.openUpload();
    console.choose(notes);

    // Then the page says why it was refused, and nothing is uploading
    WebElement error = console.awaitUploadState("meeting-notes.txt", "failed", Duration.ofSeconds(15))
        .findElement(By.cssSelector(".upload__error"));
    assertThat(error.isDisplayed()).isTrue();
    assertThat(error.getText()).startsWith("This is not a video or audio file.").contains("meeting-notes.txt");
    assertThat(error.getAttribute("role")).isEqualTo("alert");
    Chromium.screenshot(driver, "upload-refused");
  }

  /** Uploads {@code clip} on the upload page; returns its card once done (it carries the video id). */
  private WebElement uploadThroughPage(Path clip) {
    String name = clip.getFileName().toString();
    console.openUpload();
    console.choose(clip);
    WebElement card = console.awaitUploadState(name, "done", Duration.ofSeconds(60));
    assertThat(card.getAttribute("data-video-id")).isNotBlank();
    return card;
  }

  /**
   * Picks a 20 MiB file (three of the API's 8 MiB parts) on the upload page with uploads throttled
   * to 2 MB/s, so that the upload has a middle to interrupt.
   */
  private Path startSlowUpload(String fileName) throws Exception {
    Path file = TestMedia.largeClip(Files.createDirectories(workDir.resolve(fileName + ".d")), fileName, 20L * 1024 * 1024);
    console.openUpload();
    Chromium.throttleUploads(driver, 2_000_000);
    console.choose(file);
    return file;
  }
}
