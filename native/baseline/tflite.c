/* TFLite driver of edgebench-baseline: the plain TFLite C API exported by bytedeco's libjnitensorflowlite.so.
 * builtin = the interpreter alone (TFLite's own kernels, like the Java side's BuiltinOpResolverWithoutDefaultDelegates);
 * xnnpack = the XNNPACK delegate added explicitly (the C API applies none by default; bytedeco's BuiltinOpResolver,
 * which the Java side uses, applies it with the interpreter's thread count). Reference mode runs builtin on one
 * thread: TFLite's reference kernels, the ones `--delegates tflite:cpu` runs. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "baseline.h"

#define TFLITE_FLOAT32 1
#define TFLITE_UINT8 3
#define TFLITE_INT8 9

typedef struct {
  float scale;
  int32_t zero_point;
} quant_params;

/* TfLiteXNNPackDelegateOptions begins with int32 num_threads; its size changes between releases, so the struct
 * returned by value lands in a buffer larger than any release's (returned through memory on x86-64 and arm64). */
typedef struct {
  int32_t num_threads;
  unsigned char rest[1020];
} xnn_options;

struct tflite_api {
  void *(*model_from_file)(const char *);
  void *(*options_create)(void);
  void (*options_threads)(void *, int32_t);
  void (*options_add_delegate)(void *, void *);
  void *(*create)(const void *, const void *);
  int (*allocate)(void *);
  int32_t (*input_count)(const void *);
  void *(*input)(const void *, int32_t);
  int (*tensor_type)(const void *);
  size_t (*tensor_bytes)(const void *);
  void *(*tensor_data)(const void *);
  int (*invoke)(void *);
  xnn_options (*xnn_defaults)(void);
  void *(*xnn_create)(const xnn_options *);
  /* reference mode */
  int32_t (*output_count)(const void *);
  const void *(*output)(const void *, int32_t);
  const char *(*tensor_name)(const void *);
  int32_t (*num_dims)(const void *);
  int32_t (*dim)(const void *, int32_t);
  quant_params (*quantization)(const void *);
  int (*copy_from)(void *, const void *, size_t);
  int (*copy_to)(const void *, void *, size_t);
};

static int load(void *h, struct tflite_api *a) {
  int missing = 0;
  *(void **)&a->model_from_file = eb_symbol(h, "TfLiteModelCreateFromFile", &missing);
  *(void **)&a->options_create = eb_symbol(h, "TfLiteInterpreterOptionsCreate", &missing);
  *(void **)&a->options_threads = eb_symbol(h, "TfLiteInterpreterOptionsSetNumThreads", &missing);
  *(void **)&a->options_add_delegate = eb_symbol(h, "TfLiteInterpreterOptionsAddDelegate", &missing);
  *(void **)&a->create = eb_symbol(h, "TfLiteInterpreterCreate", &missing);
  *(void **)&a->allocate = eb_symbol(h, "TfLiteInterpreterAllocateTensors", &missing);
  *(void **)&a->input_count = eb_symbol(h, "TfLiteInterpreterGetInputTensorCount", &missing);
  *(void **)&a->input = eb_symbol(h, "TfLiteInterpreterGetInputTensor", &missing);
  *(void **)&a->tensor_type = eb_symbol(h, "TfLiteTensorType", &missing);
  *(void **)&a->tensor_bytes = eb_symbol(h, "TfLiteTensorByteSize", &missing);
  *(void **)&a->tensor_data = eb_symbol(h, "TfLiteTensorData", &missing);
  *(void **)&a->invoke = eb_symbol(h, "TfLiteInterpreterInvoke", &missing);
  *(void **)&a->xnn_defaults = eb_symbol(h, "TfLiteXNNPackDelegateOptionsDefault", &missing);
  *(void **)&a->xnn_create = eb_symbol(h, "TfLiteXNNPackDelegateCreate", &missing);
  *(void **)&a->output_count = eb_symbol(h, "TfLiteInterpreterGetOutputTensorCount", &missing);
  *(void **)&a->output = eb_symbol(h, "TfLiteInterpreterGetOutputTensor", &missing);
  *(void **)&a->tensor_name = eb_symbol(h, "TfLiteTensorName", &missing);
  *(void **)&a->num_dims = eb_symbol(h, "TfLiteTensorNumDims", &missing);
  *(void **)&a->dim = eb_symbol(h, "TfLiteTensorDim", &missing);
  *(void **)&a->quantization = eb_symbol(h, "TfLiteTensorQuantizationParams", &missing);
  *(void **)&a->copy_from = eb_symbol(h, "TfLiteTensorCopyFromBuffer", &missing);
  *(void **)&a->copy_to = eb_symbol(h, "TfLiteTensorCopyToBuffer", &missing);
  return missing;
}

static int invoke(void *ctx) {
  void **c = ctx; /* {api, interpreter} */
  const struct tflite_api *a = c[0];
  int status = a->invoke(c[1]);
  if (status) fprintf(stderr, "edgebench-baseline: TfLiteInterpreterInvoke returned status %d\n", status);
  return status;
}

/* An interpreter with its tensors allocated, or NULL after a message. The process exits when done: the OS reclaims
 * interpreter, delegate and model. */
static void *prepare(const char *lib, const char *model, int threads, int xnnpack, struct tflite_api *a) {
  void *h = eb_open(lib);
  if (!h || load(h, a)) return NULL;
  void *m = a->model_from_file(model);
  if (!m) {
    fprintf(stderr, "edgebench-baseline: TFLite cannot load model [%s]\n", model);
    return NULL;
  }
  void *options = a->options_create();
  a->options_threads(options, threads);
  if (xnnpack) {
    xnn_options xo = a->xnn_defaults();
    xo.num_threads = threads > 1 ? threads : 0; /* 0: no thread pool, as TFLite does for one thread */
    a->options_add_delegate(options, a->xnn_create(&xo));
  }
  void *interpreter = a->create(m, options);
  if (!interpreter || a->allocate(interpreter)) {
    fprintf(stderr, "edgebench-baseline: TFLite cannot prepare [%s] (unsupported ops?)\n", model);
    return NULL;
  }
  return interpreter;
}

int eb_tflite(const char *lib, const char *model, const struct eb_plan *plan, int xnnpack) {
  struct tflite_api a;
  void *interpreter = prepare(lib, model, plan->threads, xnnpack, &a);
  if (!interpreter) return 2;
  for (int32_t i = 0; i < a.input_count(interpreter); i++) {
    void *t = a.input(interpreter, i);
    eb_fill(a.tensor_data(t), a.tensor_bytes(t), a.tensor_type(t) == TFLITE_FLOAT32);
  }
  void *ctx[2] = {&a, interpreter};
  return eb_time_calls(xnnpack ? "tflite/xnnpack" : "tflite/builtin", plan, invoke, ctx);
}

/* A tensor's shape into out (dims and element count); -1 above EB_MAX_RANK dimensions. */
static int shape(const struct tflite_api *a, const void *t, struct eb_output *out, size_t *count) {
  int32_t rank = a->num_dims(t);
  if (rank < 0 || rank > EB_MAX_RANK) {
    fprintf(stderr, "edgebench-baseline: tensor [%s] has %d dimensions; at most %d are written\n", a->tensor_name(t),
            rank, EB_MAX_RANK);
    return -1;
  }
  out->rank = rank;
  *count = 1;
  for (int32_t d = 0; d < rank; d++) *count *= (size_t)(out->dims[d] = a->dim(t, d));
  return 0;
}

struct tflite_ref {
  struct tflite_api *a;
  void *interpreter, *input;
};

/* One sample: input in, invoke, each output out as float32 (quantized ones as (q - zero point) * scale, as the
 * compare dequantizes a TFLite lane's). Output shapes are read after every invoke: they may follow the input. */
static int infer_reference(struct eb_model *m, const float *input) {
  struct tflite_ref *r = m->ctx;
  const struct tflite_api *a = r->a;
  void *ctx[2] = {r->a, r->interpreter};
  if (a->copy_from(r->input, input, m->input_count * sizeof(float))) {
    fprintf(stderr, "edgebench-baseline: TfLiteTensorCopyFromBuffer failed\n");
    return 2;
  }
  if (invoke(ctx)) return 2;
  for (size_t o = 0; o < m->outputs; o++) {
    const void *t = a->output(r->interpreter, (int32_t)o);
    struct eb_output *out = &m->out[o];
    size_t count;
    float *v;
    if (shape(a, t, out, &count) || !(v = eb_output_values(out, count))) return 2;
    if (a->tensor_type(t) == TFLITE_FLOAT32) {
      if (a->copy_to(t, v, count * sizeof(float))) {
        fprintf(stderr, "edgebench-baseline: TfLiteTensorCopyToBuffer failed for output [%s]\n", out->name);
        return 2;
      }
      continue;
    }
    quant_params q = a->quantization(t);
    const void *data = a->tensor_data(t);
    if (!data || a->tensor_bytes(t) != count) { /* one byte per element: never read past the tensor */
      fprintf(stderr, "edgebench-baseline: output [%s] holds %zu bytes for %zu elements of TfLiteType %d\n", out->name,
              data ? a->tensor_bytes(t) : 0, count, a->tensor_type(t));
      return 2;
    }
    for (size_t i = 0; i < count; i++) {
      int32_t raw = a->tensor_type(t) == TFLITE_UINT8 ? ((const uint8_t *)data)[i] : ((const int8_t *)data)[i];
      v[i] = (float)(raw - q.zero_point) * q.scale;
    }
  }
  return 0;
}

/* Reference mode: a model with one float32 input; float32, uint8 and int8 outputs (the last two with a scale). */
int eb_tflite_reference(const char *lib, const char *model, const char *input_dir, const char *out_dir) {
  struct tflite_api a;
  void *interpreter = prepare(lib, model, 1, 0, &a);
  if (!interpreter) return 2;
  struct tflite_ref r = {&a, interpreter, NULL};
  struct eb_model m = {.infer = infer_reference, .ctx = &r};
  if (a.input_count(interpreter) != 1) {
    fprintf(stderr, "edgebench-baseline: [%s] has %d inputs; reference mode takes a model with one\n", model,
            a.input_count(interpreter));
    return 2;
  }
  r.input = a.input(interpreter, 0);
  if (a.tensor_type(r.input) != TFLITE_FLOAT32) {
    fprintf(stderr, "edgebench-baseline: input [%s] has TfLiteType %d; reference mode feeds float32 only\n",
            a.tensor_name(r.input), a.tensor_type(r.input));
    return 2;
  }
  struct eb_output in = {.name = a.tensor_name(r.input)};
  if (shape(&a, r.input, &in, &m.input_count)) return 2;
  m.input_rank = in.rank;
  memcpy(m.input_dims, in.dims, sizeof in.dims);
  int32_t outputs = a.output_count(interpreter);
  if (outputs < 1 || outputs > EB_MAX_OUTPUTS) {
    fprintf(stderr, "edgebench-baseline: [%s] has %d outputs; reference mode writes 1..%d\n", model, outputs,
            EB_MAX_OUTPUTS);
    return 2;
  }
  m.outputs = (size_t)outputs;
  for (int32_t o = 0; o < outputs; o++) {
    const void *t = a.output(interpreter, o);
    int type = a.tensor_type(t);
    m.out[o].name = a.tensor_name(t);
    if (type != TFLITE_FLOAT32 && ((type != TFLITE_UINT8 && type != TFLITE_INT8) || !(a.quantization(t).scale > 0))) {
      fprintf(stderr, "edgebench-baseline: output [%s] has TfLiteType %d; reference mode writes float32, and uint8 or"
                      " int8 with a quantization scale\n", m.out[o].name, type);
      return 2;
    }
  }
  return eb_reference(&m, input_dir, out_dir);
}
