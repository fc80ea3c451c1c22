package io.stereospot.app.gui.view;

import io.stereospot.app.gui.model.SupportActions;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;

/** The window's menu: Help → "Open log folder", "Copy diagnostics" (what a problem report needs). */
final class HelpMenu extends MenuBar {

    static final String OPEN_LOG_FOLDER = "Open log folder";
    static final String COPY_DIAGNOSTICS = "Copy diagnostics";

    HelpMenu(SupportActions support) {
        setId("menu");
        MenuItem openLogs = new MenuItem(OPEN_LOG_FOLDER);
        openLogs.setId("open-log-folder");
        openLogs.setOnAction(e -> support.openLogFolder());
        MenuItem copyDiagnostics = new MenuItem(COPY_DIAGNOSTICS);
        copyDiagnostics.setId("copy-diagnostics");
        copyDiagnostics.setOnAction(e -> support.copyDiagnostics(ClipboardText::put));
        Menu help = new Menu("Help");
        help.setId("help-menu");
        help.getItems().addAll(openLogs, copyDiagnostics);
        getMenus().add(help);
    }
}
