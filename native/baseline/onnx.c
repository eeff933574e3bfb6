/* ONNX Runtime driver of edgebench-baseline: the C API of the libonnxruntime.so the jar carries.
 * No C header ships with the Maven artifact, so the few OrtApi entries used are called by their position in the
 * OrtApi table of API version 13 (the table only ever grows at its end, so these positions hold in later releases);
 * the status round trip below checks the positions before anything else runs. Session options mirror the Java
 * side's: intra-op THREADS, inter-op 1, sequential, all graph optimizations, and session.intra_op.allow_spinning
 * from spinning=0|1 (default 1, ONNX Runtime's own, as `edgebench bench` since issue 20). Reference mode runs the
 * same session on one thread, as `--delegates onnx:cpu` does with --threads 1. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"

#define ORT_API_VERSION_USED 13
#define ORT_FLOAT 1
#define ORT_ENABLE_ALL 99

typedef void *ort_status;
typedef struct {
  const void *(*get_api)(uint32_t version);
  const char *(*version)(void);
} ort_api_base;

/* Positions in the OrtApi table (onnxruntime_c_api.h, ORT_API_VERSION 13). */
enum {
  CREATE_STATUS = 0, GET_ERROR_CODE = 1, GET_ERROR_MESSAGE = 2, CREATE_ENV = 3, CREATE_SESSION = 7, RUN = 9,
  CREATE_SESSION_OPTIONS = 10, SET_OPT_LEVEL = 23, SET_INTRA_THREADS = 24, SET_INTER_THREADS = 25,
  INPUT_COUNT = 30, INPUT_TYPE_INFO = 33, OUTPUT_TYPE_INFO = 34, INPUT_NAME = 36, OUTPUT_COUNT = 31,
  OUTPUT_NAME = 37, TENSOR_WITH_DATA = 49, TENSOR_DATA = 51, CAST_TO_TENSOR_INFO = 55, ELEMENT_TYPE = 60,
  DIMS_COUNT = 61, DIMS = 62, ELEMENT_COUNT = 64, VALUE_TYPE_AND_SHAPE = 65, CPU_MEMORY_INFO = 69,
  DEFAULT_ALLOCATOR = 78, RELEASE_STATUS = 93, RELEASE_VALUE = 96, RELEASE_TYPE_INFO = 98,
  RELEASE_TYPE_AND_SHAPE = 99,
  /* AddSessionConfigEntry: slot 130, the offset libonnxruntime4j_jni's addConfigEntry calls (0x410 / 8) */
  ADD_SESSION_CONFIG_ENTRY = 130
};

static void *const *api;
#define FN(slot, type) ((type)api[slot])

static int failed(ort_status st, const char *what) {
  if (!st) return 0;
  fprintf(stderr, "edgebench-baseline: ONNX Runtime %s failed: %s\n", what,
          FN(GET_ERROR_MESSAGE, const char *(*)(ort_status))(st));
  FN(RELEASE_STATUS, void (*)(ort_status))(st);
  return 1;
}

static int positions_hold(void) {
  ort_status probe = FN(CREATE_STATUS, ort_status (*)(int, const char *))(2, "edgebench-probe");
  int ok = FN(GET_ERROR_CODE, int (*)(ort_status))(probe) == 2
           && !strcmp(FN(GET_ERROR_MESSAGE, const char *(*)(ort_status))(probe), "edgebench-probe");
  FN(RELEASE_STATUS, void (*)(ort_status))(probe);
  if (!ok) fprintf(stderr, "edgebench-baseline: this libonnxruntime's OrtApi table does not match API 13\n");
  return ok;
}

#define MAX_IO 16
struct ort_run {
  void *session;
  size_t inputs, outputs;
  char *in_names[MAX_IO], *out_names[MAX_IO];
  void *in_values[MAX_IO];
  void *in_data[MAX_IO]; /* the buffers under in_values */
  size_t in_count[MAX_IO], in_rank[MAX_IO];
  int64_t in_dims[MAX_IO][16]; /* dynamic dimensions as 1 */
  int in_type[MAX_IO];
};

static int run_once(void *ctx) {
  struct ort_run *r = ctx;
  void *out[MAX_IO] = {0};
  typedef ort_status (*run_fn)(void *, const void *, char *const *, void *const *, size_t, char *const *, size_t,
                               void **);
  if (failed(FN(RUN, run_fn)(r->session, NULL, r->in_names, r->in_values, r->inputs, r->out_names, r->outputs, out),
             "Run")) {
    return 1;
  }
  for (size_t i = 0; i < r->outputs; i++) FN(RELEASE_VALUE, void (*)(void *))(out[i]);
  return 0;
}

/* One input: its name, and a tensor of its shape (dynamic dims as 1) over a buffer filled once. */
static int make_input(struct ort_run *r, size_t i, void *allocator, void *memory) {
  void *type_info;
  const void *tensor_info;
  int element;
  size_t rank;
  int64_t dims[16];
  typedef ort_status (*name_fn)(const void *, size_t, void *, char **);
  if (failed(FN(INPUT_NAME, name_fn)(r->session, i, allocator, &r->in_names[i]), "SessionGetInputName")
      || failed(FN(INPUT_TYPE_INFO, ort_status (*)(const void *, size_t, void **))(r->session, i, &type_info),
                "SessionGetInputTypeInfo")
      || failed(FN(CAST_TO_TENSOR_INFO, ort_status (*)(const void *, const void **))(type_info, &tensor_info),
                "CastTypeInfoToTensorInfo")) {
    return 1;
  }
  if (!tensor_info) { /* a sequence, map or optional: no tensor info to read */
    fprintf(stderr, "edgebench-baseline: input %zu [%s] is not a tensor; only tensor inputs are filled\n", i,
            r->in_names[i]);
    return 1;
  }
  if (failed(FN(ELEMENT_TYPE, ort_status (*)(const void *, int *))(tensor_info, &element), "GetTensorElementType")
      || failed(FN(DIMS_COUNT, ort_status (*)(const void *, size_t *))(tensor_info, &rank), "GetDimensionsCount")) {
    return 1;
  }
  if (rank > 16 || failed(FN(DIMS, ort_status (*)(const void *, int64_t *, size_t))(tensor_info, dims, rank),
                          "GetDimensions")) {
    return 1;
  }
  size_t count = 1, width = element == ORT_FLOAT ? 4 : 1;
  for (size_t d = 0; d < rank; d++) count *= (size_t)(dims[d] > 0 ? dims[d] : (dims[d] = 1));
  if (element != ORT_FLOAT && element != 2 /* uint8 */ && element != 3 /* int8 */) {
    fprintf(stderr, "edgebench-baseline: input %zu has element type %d; only float32, uint8, int8 are filled\n", i,
            element);
    return 1;
  }
  void *data = r->in_data[i] = calloc(count ? count : 1, width);
  if (!data) {
    fprintf(stderr, "edgebench-baseline: out of memory for input %zu (%zu elements)\n", i, count);
    return 1;
  }
  r->in_count[i] = count;
  r->in_type[i] = element;
  r->in_rank[i] = rank;
  memcpy(r->in_dims[i], dims, sizeof dims);
  eb_fill(data, count * width, element == ORT_FLOAT);
  typedef ort_status (*tensor_fn)(const void *, void *, size_t, const int64_t *, size_t, int, void **);
  return failed(FN(TENSOR_WITH_DATA, tensor_fn)(memory, data, count * width, dims, rank, element, &r->in_values[i]),
                "CreateTensorWithDataAsOrtValue");
}

/* A session with the Java side's options, its inputs (tensors over buffers filled once) and output names; 1 after a
 * message. */
static int open_session(const char *lib, const char *model, int threads, int spinning, struct ort_run *r) {
  void *h = eb_open(lib);
  int missing = 0;
  const ort_api_base *(*base)(void) = h ? (const ort_api_base *(*)(void))eb_symbol(h, "OrtGetApiBase", &missing) : 0;
  if (!base) return 1;
  api = base()->get_api(ORT_API_VERSION_USED);
  if (!api || !positions_hold()) return 1;
  void *env, *options, *allocator, *memory;
  if (failed(FN(CREATE_ENV, ort_status (*)(int, const char *, void **))(3 /* error */, "baseline", &env), "CreateEnv")
      || failed(FN(CREATE_SESSION_OPTIONS, ort_status (*)(void **))(&options), "CreateSessionOptions")
      || failed(FN(SET_INTRA_THREADS, ort_status (*)(void *, int))(options, threads), "SetIntraOpNumThreads")
      || failed(FN(SET_INTER_THREADS, ort_status (*)(void *, int))(options, 1), "SetInterOpNumThreads")
      || failed(FN(SET_OPT_LEVEL, ort_status (*)(void *, int))(options, ORT_ENABLE_ALL), "SetOptimizationLevel")
      || failed(FN(ADD_SESSION_CONFIG_ENTRY, ort_status (*)(void *, const char *, const char *))(
                    options, "session.intra_op.allow_spinning", spinning ? "1" : "0"), "AddSessionConfigEntry")
      || failed(FN(CREATE_SESSION, ort_status (*)(const void *, const char *, const void *, void **))(
                    env, model, options, &r->session), "CreateSession")
      || failed(FN(INPUT_COUNT, ort_status (*)(const void *, size_t *))(r->session, &r->inputs), "SessionGetInputCount")
      || failed(FN(OUTPUT_COUNT, ort_status (*)(const void *, size_t *))(r->session, &r->outputs),
                "SessionGetOutputCount")
      || failed(FN(DEFAULT_ALLOCATOR, ort_status (*)(void **))(&allocator), "GetAllocatorWithDefaultOptions")
      || failed(FN(CPU_MEMORY_INFO, ort_status (*)(int, int, void **))(0, 0, &memory), "CreateCpuMemoryInfo")) {
    return 1;
  }
  if (r->inputs > MAX_IO || r->outputs > MAX_IO) {
    fprintf(stderr, "edgebench-baseline: %zu inputs, %zu outputs; at most %d each\n", r->inputs, r->outputs, MAX_IO);
    return 1;
  }
  for (size_t i = 0; i < r->inputs; i++) {
    if (make_input(r, i, allocator, memory)) return 1;
  }
  typedef ort_status (*name_fn)(const void *, size_t, void *, char **);
  for (size_t i = 0; i < r->outputs; i++) {
    if (failed(FN(OUTPUT_NAME, name_fn)(r->session, i, allocator, &r->out_names[i]), "SessionGetOutputName")) return 1;
  }
  return 0;
}

int eb_onnx(const char *lib, const char *model, const struct eb_plan *plan) {
  struct ort_run r = {0};
  if (open_session(lib, model, plan->threads, plan->spinning, &r)) return 2;
  return eb_time_calls("onnx/cpu", plan, run_once, &r);
}

/* One sample: input into the input tensor's buffer, Run, each output (float32, checked when the session opened)
 * copied out with the shape it came back with. */
static int infer_reference(struct eb_model *m, const float *input) {
  struct ort_run *r = m->ctx;
  void *values[MAX_IO] = {0};
  typedef ort_status (*run_fn)(void *, const void *, char *const *, void *const *, size_t, char *const *, size_t,
                               void **);
  memcpy(r->in_data[0], input, m->input_count * sizeof(float));
  if (failed(FN(RUN, run_fn)(r->session, NULL, r->in_names, r->in_values, r->inputs, r->out_names, r->outputs,
                             values), "Run")) {
    return 2;
  }
  for (size_t o = 0; o < r->outputs; o++) {
    struct eb_output *out = &m->out[o];
    void *info, *data;
    size_t rank, count;
    float *v;
    if (failed(FN(VALUE_TYPE_AND_SHAPE, ort_status (*)(const void *, void **))(values[o], &info),
               "GetTensorTypeAndShape")
        || failed(FN(DIMS_COUNT, ort_status (*)(const void *, size_t *))(info, &rank), "GetDimensionsCount")) {
      return 2;
    }
    if (rank > EB_MAX_RANK) {
      fprintf(stderr, "edgebench-baseline: output [%s] has %zu dimensions; at most %d are written\n", out->name, rank,
              EB_MAX_RANK);
      return 2;
    }
    out->rank = (int)rank;
    if (failed(FN(DIMS, ort_status (*)(const void *, int64_t *, size_t))(info, out->dims, rank), "GetDimensions")
        || failed(FN(ELEMENT_COUNT, ort_status (*)(const void *, size_t *))(info, &count), "GetTensorShapeElementCount")
        || failed(FN(TENSOR_DATA, ort_status (*)(void *, void **))(values[o], &data), "GetTensorMutableData")
        || !(v = eb_output_values(out, count))) {
      return 2;
    }
    memcpy(v, data, count * sizeof(float));
    FN(RELEASE_TYPE_AND_SHAPE, void (*)(void *))(info);
    FN(RELEASE_VALUE, void (*)(void *))(values[o]);
  }
  return 0;
}

/* Reference mode: a model with one float32 input (dynamic dimensions as 1) and float32 outputs. A quantized ONNX
 * output carries no scale of its own (the compare takes it from the QuantizeLinear that produces it), so it is
 * refused rather than written as raw integers. */
int eb_onnx_reference(const char *lib, const char *model, const char *input_dir, const char *out_dir) {
  struct ort_run r = {0};
  if (open_session(lib, model, 1, 1, &r)) return 2;
  if (r.inputs != 1 || r.in_type[0] != ORT_FLOAT) {
    fprintf(stderr, "edgebench-baseline: [%s] has %zu inputs (the first of element type %d); reference mode takes"
                    " one float32 input\n", model, r.inputs, r.inputs ? r.in_type[0] : 0);
    return 2;
  }
  if (r.outputs < 1 || r.outputs > EB_MAX_OUTPUTS) {
    fprintf(stderr, "edgebench-baseline: [%s] has %zu outputs; reference mode writes 1..%d\n", model, r.outputs,
            EB_MAX_OUTPUTS);
    return 2;
  }
  if (r.in_rank[0] > EB_MAX_RANK) {
    fprintf(stderr, "edgebench-baseline: [%s]'s input has %zu dimensions; reference mode reads at most %d\n", model,
            r.in_rank[0], EB_MAX_RANK);
    return 2;
  }
  struct eb_model m = {.input_rank = (int)r.in_rank[0], .input_count = r.in_count[0], .outputs = r.outputs,
                       .infer = infer_reference, .ctx = &r};
  memcpy(m.input_dims, r.in_dims[0], sizeof m.input_dims);
  for (size_t o = 0; o < r.outputs; o++) {
    void *type_info;
    const void *tensor_info;
    int element = 0;
    m.out[o].name = r.out_names[o];
    if (failed(FN(OUTPUT_TYPE_INFO, ort_status (*)(const void *, size_t, void **))(r.session, o, &type_info),
               "SessionGetOutputTypeInfo")
        || failed(FN(CAST_TO_TENSOR_INFO, ort_status (*)(const void *, const void **))(type_info, &tensor_info),
                  "CastTypeInfoToTensorInfo")
        || !tensor_info
        || failed(FN(ELEMENT_TYPE, ort_status (*)(const void *, int *))(tensor_info, &element),
                  "GetTensorElementType")
        || element != ORT_FLOAT) {
      fprintf(stderr, "edgebench-baseline: output [%s] is not a float32 tensor (element type %d); reference mode"
                      " writes float32 outputs of an ONNX model\n", r.out_names[o], element);
      return 2;
    }
    FN(RELEASE_TYPE_INFO, void (*)(void *))(type_info);
  }
  return eb_reference(&m, input_dir, out_dir);
}
