/* TFLite driver of edgebench-baseline: the plain TFLite C API exported by bytedeco's libjnitensorflowlite.so.
 * builtin = the interpreter alone (TFLite's own kernels, like the Java side's BuiltinOpResolverWithoutDefaultDelegates);
 * xnnpack = the XNNPACK delegate added explicitly (the C API applies none by default; bytedeco's BuiltinOpResolver,
 * which the Java side uses, applies it with the interpreter's thread count). */
#include <stdint.h>
#include <stdio.h>

#include "baseline.h"

#define TFLITE_FLOAT32 1

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
  return missing;
}

static int invoke(void *ctx) {
  void **c = ctx; /* {api, interpreter} */
  const struct tflite_api *a = c[0];
  int status = a->invoke(c[1]);
  if (status) fprintf(stderr, "edgebench-baseline: TfLiteInterpreterInvoke returned status %d\n", status);
  return status;
}

/* The process exits right after timing: the OS reclaims interpreter, delegate and model. */
int eb_tflite(const char *lib, const char *model, const struct eb_plan *plan, int xnnpack) {
  int threads = plan->threads;
  void *h = eb_open(lib);
  struct tflite_api a;
  if (!h || load(h, &a)) return 2;
  void *m = a.model_from_file(model);
  if (!m) {
    fprintf(stderr, "edgebench-baseline: TFLite cannot load model [%s]\n", model);
    return 2;
  }
  void *options = a.options_create();
  a.options_threads(options, threads);
  if (xnnpack) {
    xnn_options xo = a.xnn_defaults();
    xo.num_threads = threads > 1 ? threads : 0; /* 0: no thread pool, as TFLite does for one thread */
    a.options_add_delegate(options, a.xnn_create(&xo));
  }
  void *interpreter = a.create(m, options);
  if (!interpreter || a.allocate(interpreter)) {
    fprintf(stderr, "edgebench-baseline: TFLite cannot prepare [%s] (unsupported ops?)\n", model);
    return 2;
  }
  for (int32_t i = 0; i < a.input_count(interpreter); i++) {
    void *t = a.input(interpreter, i);
    eb_fill(a.tensor_data(t), a.tensor_bytes(t), a.tensor_type(t) == TFLITE_FLOAT32);
  }
  void *ctx[2] = {&a, interpreter};
  return eb_time_calls(xnnpack ? "tflite/xnnpack" : "tflite/builtin", plan, invoke, ctx);
}
