package io.edgebench.acceptance;

import io.edgebench.acceptance.Case.Needs;
import io.edgebench.acceptance.Case.Place;
import java.util.List;

/**
 * Every documented command the acceptance suite runs, in the order a user would type them: the agent first (the
 * remote commands talk to it), the collector before the jobs it stores, the report after them. Each text is the
 * command exactly as README.md or docs/*.md show it; {@code DocumentedCommandsTest} fails when the docs gain a
 * command that is neither here nor marked {@code <!-- not run: why -->}, or lose one that is here.
 */
final class AcceptanceCases {
    private AcceptanceCases() {}

    static final List<Case> ALL = List.of(
            // docs/mqtt.md: the agent every remote command below talks to, and a second one in its own directory
            Case.of("edgebench agent --broker tcp://broker.local:1883 --device-id pi5-lab --data-dir ./agent-data")
                    .daemon("pi5-lab"),
            Case.of("edgebench agent --broker tcp://127.0.0.1:1883 --device-id lab1 --data-dir ./agent-data &")
                    .in(Place.SECOND_USER_DIR)
                    .daemon("lab1"),
            // docs/results.md: the collector keeps what the jobs below publish, in ./edgebench-results.db
            Case.of("edgebench collect --broker tcp://broker.local:1883")
                    .daemon("collect event=subscribed")
                    .makes("edgebench-results.db")
                    .exits(143), // docs/results.md: the JVM exits 143 after SIGTERM
            // docs/demo.md: the remote workflow, through the agent above
            Case.of("edgebench send --broker tcp://broker.local:1883 --device pi5-lab ping")
                    .stdout("pong: edgebench"),
            Case.of(
                    "edgebench send --broker tcp://broker.local:1883 --device pi5-lab models/put file=./mobilenet.tflite"),
            Case.of("edgebench send --broker tcp://broker.local:1883 --device pi5-lab bench model=mobilenet.tflite"
                            + " delegate=cpu runs=500")
                    .stdout("delegate cpu", "timed", "runs in", "latency (ms)", "p50")
                    .stderr("accepted by pi5-lab"),
            Case.of("edgebench send --broker tcp://broker.local:1883 --device pi5-lab compare models=m.tflite,m.onnx"
                            + " --json > r.json")
                    .makes("r.json"),
            // docs/accuracy.md: a labelled set stored on the agent, and a compare scored on it
            Case.of("edgebench send --broker tcp://broker.local:1883 --device pi5-lab sets/put set=flowers"
                            + " dir=./flowers")
                    .stderr("sent 6 files", "of set [flowers] to pi5-lab"),
            Case.of("edgebench send --broker tcp://broker.local:1883 --device pi5-lab compare models=m.tflite,m.onnx"
                            + " dataset=flowers")
                    .stdout("Accuracy on labelled set flowers (6 images", "m.onnx onnx:cpu top-1")
                    .stderr("accepted by pi5-lab"),
            Case.of("edgebench send --broker tcp://broker.local:1883 --fleet ping")
                    .stdout("pi5-lab: ", "lab1: "),
            // docs/results.md: fleet views, reports
            Case.of("edgebench fleet status --broker tcp://broker.local:1883")
                    .stdout("device", "pi5-lab", "lab1", "online"),
            Case.of("edgebench send --broker tcp://broker.local:1883 --fleet bench model=mobilenet_v2.tflite runs=200"
                            + " --result-timeout 600")
                    .stdout("device", "p50", "pi5-lab", "lab1"),
            Case.of("edgebench report pi4.json pi5.json coral.json -o report.html")
                    .makes("report.html"),
            Case.of("edgebench report --db jdbc:sqlite:edgebench-results.db --since 7d --model mobilenet_v2.tflite"
                            + " -o report.html")
                    .makes("report.html"),
            // docs/telemetry.md
            Case.of("edgebench sensors").stdout("profile:"),
            Case.of("edgebench bench model.tflite --sample-hz 100").stdout("latency (ms)", "samples at 100 Hz"),
            Case.of("edgebench bench model.tflite --no-telemetry").stdout("latency (ms)", "telemetry: off"),
            Case.of("edgebench bench model.tflite --profile rpi4 --cooldown-to-c 55 --cooldown-max-seconds 300")
                    .stdout("latency (ms)", "cooldown"),
            // README.md: a first real run on your own model
            Case.of("edgebench inspect model.tflite").stdout("format     tflite", "inputs", "outputs"),
            Case.of("edgebench bench model.tflite").stdout("latency (ms)", "p50"),
            Case.of("edgebench compare model.tflite model.onnx")
                    .stdout("[1] model.tflite", "model.onnx", "Output agreement"),
            // docs/bench.md: every lane's outputs as .npy
            Case.of("edgebench compare model.tflite model.onnx --save-outputs outputs")
                    .makes("outputs/index.json"),
            // README.md: install on a board
            Case.of("edgebench doctor").stdout("doctor: "),
            Case.of("./edgebench demo")
                    .in(Place.REPOSITORY)
                    .needs(Needs.REPOSITORY_LAUNCHER)
                    .stdout("results received over MQTT", "Output agreement", "temperature and energy: "),
            Case.of("./edgebench demo --runs 20")
                    .in(Place.REPOSITORY)
                    .needs(Needs.REPOSITORY_LAUNCHER)
                    .stdout("results received over MQTT", "Output agreement", "temperature and energy: "),
            // third-party models, when the shared folder is present
            Case.of("edgebench inspect ../shared/models/ch_ppocr_mobile_v2.0_cls_infer.onnx")
                    .in(Place.SHARED_MODELS)
                    .needs(Needs.SHARED_MODELS)
                    .stdout("format     onnx", "ops ("),
            Case.of("edgebench bench silero_vad_v5.onnx --input-shape input=1x512 --input-shape state=2x1x128"
                            + " --input-value sr=16000")
                    .in(Place.SHARED_MODELS)
                    .needs(Needs.SHARED_MODELS)
                    .stdout("latency (ms)"),
            Case.of("edgebench bench silero_vad_legacy.onnx --input-shape input=1x512 --input-shape h=2x1x64"
                            + " --input-shape c=2x1x64 --input-value sr=16000")
                    .in(Place.SHARED_MODELS)
                    .needs(Needs.SHARED_MODELS)
                    .stdout("latency (ms)"));

    /**
     * Commands the docs show only as synopses or not at all, which users type anyway: compare's table over MQTT,
     * help in each of its spellings. Run after {@link #ALL}, with its daemons still up.
     */
    static final List<Case> EXTRA = List.of(
            Case.of("edgebench send --broker tcp://broker.local:1883 --device pi5-lab compare models=m.tflite,m.onnx")
                    .stdout("m.tflite", "m.onnx", "p50 ms", "Output agreement")
                    .stderr("accepted by pi5-lab"),
            Case.of("edgebench bench --help").stdout("Usage: edgebench bench", "--energy-accuracy=PCT", "PCT %"),
            Case.of("edgebench help bench").stdout("Usage: edgebench bench"),
            Case.of("edgebench bench -h").stdout("Usage: edgebench bench"),
            Case.of("edgebench fleet status --help").stdout("Usage: edgebench fleet status"),
            Case.of("edgebench bench missing.tflite").exits(65).stderr("Model [missing.tflite] does not exist"));
}
