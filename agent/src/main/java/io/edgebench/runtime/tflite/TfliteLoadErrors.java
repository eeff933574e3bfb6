package io.edgebench.runtime.tflite;

import io.edgebench.model.ModelLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cheap Java-side checks before any native call, and the teaching messages for what TFLite reports. */
final class TfliteLoadErrors {
    static final String EDGETPU_OP = "edgetpu-custom-op";
    private static final Pattern UNRESOLVED = Pattern.compile("unresolved custom op: ([^.;\\s]+)");
    private static final int MIN_BYTES = 8;

    private TfliteLoadErrors() {}

    /** Exists, readable, more than 8 bytes, "TFL3" at offset 4: anything else never reaches native code. */
    static void checkHeader(Path model) {
        if (!Files.exists(model)) {
            throw new ModelLoadException("Model [" + model + "] does not exist.");
        }
        if (!Files.isRegularFile(model) || !Files.isReadable(model)) {
            throw new ModelLoadException("Model [" + model + "] is not a readable regular file.");
        }
        byte[] head = new byte[MIN_BYTES];
        int read;
        long size;
        try (InputStream in = Files.newInputStream(model)) {
            size = Files.size(model);
            read = in.readNBytes(head, 0, MIN_BYTES);
        } catch (IOException e) {
            throw new ModelLoadException("Model [" + model + "] cannot be read: " + e.getMessage(), e);
        }
        if (size <= MIN_BYTES || read < MIN_BYTES) {
            throw new ModelLoadException("Model [" + model + "] is not a TFLite flatbuffer (" + size
                    + " bytes; a model has a header of more than 8 bytes). Is the file truncated?");
        }
        String id = new String(head, 4, 4, StandardCharsets.ISO_8859_1);
        if (!"TFL3".equals(id)) {
            throw new ModelLoadException(
                    "Model [" + model + "] is not a TFLite flatbuffer (no \"TFL3\" identifier" + guess(head) + ").");
        }
    }

    private static String guess(byte[] head) {
        if (head[0] == 'P' && head[1] == 'K') {
            return "; it is a zip: unpack it first";
        }
        if (head[0] == 0x08) {
            return "; it looks like protobuf: ONNX models need --runtime onnx";
        }
        return "; is it a zip?";
    }

    /** The verifier said no: TFLite's text (if any) with a hint. */
    static ModelLoadException verifyFailed(Path model, String tfliteText) {
        return new ModelLoadException("Model [" + model + "] failed TFLite flatbuffer verification" + detail(tfliteText)
                + ". The file is corrupt or truncated; re-download or re-export it.");
    }

    /** A failing native step (building the interpreter, preparing nodes, invoking): what TFLite said plus a hint. */
    static ModelLoadException stepFailed(Path model, String step, int status, String tfliteText, String delegate) {
        return new ModelLoadException("Model [" + model + "] " + step + " failed (TFLite status " + status + ")"
                + detail(tfliteText) + "." + hint(tfliteText, delegate));
    }

    static String detail(String tfliteText) {
        // TFLite's own text often ends in a period; the caller adds one
        return tfliteText == null || tfliteText.isBlank()
                ? ""
                : ": " + tfliteText.strip().replaceAll("\\.+$", "");
    }

    /** What to do about the ops TFLite could not resolve, by op name. */
    static String hint(String tfliteText, String delegate) {
        if (tfliteText == null) {
            return "";
        }
        Matcher m = UNRESOLVED.matcher(tfliteText);
        if (!m.find()) {
            return "";
        }
        String op = m.group(1);
        if (op.equals(EDGETPU_OP)) {
            return " Hint: the model is compiled for the Edge TPU (custom op " + EDGETPU_OP
                    + "): use --delegate edgetpu on a board with a Coral device, or benchmark its CPU build.";
        }
        if (op.equals("Convolution2DTransposeBias")) {
            return " Hint: Convolution2DTransposeBias is a MediaPipe op that only the XNNPACK delegate implements: use"
                    + " --delegate xnnpack (delegate was " + delegate + ").";
        }
        return " Hint: custom op " + op + " is not in the stock TFLite interpreter; benchmark a build of the model"
                + " without it.";
    }
}
