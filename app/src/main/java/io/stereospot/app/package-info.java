/** What a person runs: the JavaFX window and the stereospot command line. */
package io.stereospot.app;
