package io.stereospot.app.gui.view;

import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** Puts text on the system clipboard (the playlist URL, the diagnostics). FX thread. */
final class ClipboardText {

    private ClipboardText() {
    }

    static void put(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
