package io.edgebench.daemon;

import io.edgebench.model.ModelInspection;
import io.edgebench.wire.SensorsSnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the agent can tell about its board beyond jobs: runtime versions and accelerators for the status message,
 * model inspection and one-shot sensor readings for the inspect and sensors verbs. Methods throw
 * {@link UnsupportedOperationException} when this build lacks the capability (the reply is not_available).
 */
public interface DeviceProbes {
    /** Runtime name to version, e.g. {"tflite": "2.21.0", "onnx": "1.29.0"}. */
    Map<String, String> runtimes();

    /** The device profile in use (detected or configured), or null when unknown. */
    default String profile() {
        return null;
    }

    /** The profile's power_source (the source whose power is "the board's"), or null: DeviceProfile's order. */
    default String powerSource() {
        return null;
    }

    /** Accelerators found, e.g. ["edgetpu:usb:0"]; empty when none. */
    List<String> accelerators();

    /** The inspection JSON of a model (a JSON-serialisable object). */
    ModelInspection inspect(Path model) throws Exception;

    /** One reading of every sensor (a JSON-serialisable object). */
    SensorsSnapshot sensors() throws Exception;

    /** A build without inspection or sensors. */
    DeviceProbes NONE = new DeviceProbes() {
        @Override
        public Map<String, String> runtimes() {
            return Map.of();
        }

        @Override
        public List<String> accelerators() {
            return List.of();
        }

        @Override
        public ModelInspection inspect(Path model) {
            throw new UnsupportedOperationException("inspect is not available in this build");
        }

        @Override
        public SensorsSnapshot sensors() {
            throw new UnsupportedOperationException("sensors are not available in this build");
        }
    };
}
