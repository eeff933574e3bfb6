/*
 * Test-only stand-in for libedgetpu.so.1: exports libedgetpu's public C API (edgetpu_c.h) so that edgebench's JNI
 * shim, option passing and the TFLite delegate path can be tested on machines without an Edge TPU.
 *
 * Settings: environment variable EDGETPU_STANDIN_<KEY>, else line "<KEY>=value" of the file named by
 * EDGETPU_STANDIN_CONFIG (re-read on every call, so one test JVM can change them between cases):
 *   DEVICES  "usb:/sys/bus/usb/devices/2-1;pci:/dev/apex_0!busy" (type:path, "!busy" makes opening it fail)
 *   RECORD   file that create/free/verbosity calls append to ("create type=usb path=...", "option K=V", ...)
 *   VERSION  what edgetpu_version() returns
 *
 * The delegate is a real TfLiteDelegate: Prepare claims every node whose custom op is "edgetpu-custom-op"; the
 * kernel writes a checksum of its inputs (sum of input bytes mod 251) into every output byte, so runs complete
 * with deterministic, input-dependent outputs.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edgetpu_api.h"
#include "tflite_min.h"

#define EXPORT __attribute__((visibility("default")))
#define CUSTOM_OP "edgetpu-custom-op"
#define DEFAULT_VERSION "BuildLabel(COMPILER=edgebench-standin,DATE=redacted,TIME=redacted,CL_NUMBER=0), RuntimeVersion(14)"

struct standin_delegate {
    TfLiteDelegate base; /* first member: TfLiteDelegate* and standin_delegate* are the same address */
    enum edgetpu_device_type type;
    char path[256];
};

/* Returns a malloc'd copy of setting KEY, or NULL. */
static char *setting(const char *key) {
    char env_name[64];
    const char *value;
    const char *config;
    FILE *file;
    char line[1024];
    size_t key_len = strlen(key);
    char *result = NULL;

    snprintf(env_name, sizeof env_name, "EDGETPU_STANDIN_%s", key);
    value = getenv(env_name);
    if (value != NULL) {
        return strdup(value);
    }
    config = getenv("EDGETPU_STANDIN_CONFIG");
    if (config == NULL || (file = fopen(config, "r")) == NULL) {
        return NULL;
    }
    while (result == NULL && fgets(line, sizeof line, file) != NULL) {
        line[strcspn(line, "\r\n")] = '\0';
        if (strncmp(line, key, key_len) == 0 && line[key_len] == '=') {
            result = strdup(line + key_len + 1);
        }
    }
    fclose(file);
    return result;
}

static void record(const char *format, ...) {
    char *path = setting("RECORD");
    FILE *file;
    va_list args;

    if (path == NULL) {
        return;
    }
    file = fopen(path, "a");
    free(path);
    if (file == NULL) {
        return;
    }
    va_start(args, format);
    vfprintf(file, format, args);
    va_end(args);
    fputc('\n', file);
    fclose(file);
}

static const char *type_name(enum edgetpu_device_type type) {
    return type == EDGETPU_APEX_USB ? "usb" : type == EDGETPU_APEX_PCI ? "pci" : "unknown";
}

/* Parses DEVICES into an array followed by its path strings (one allocation, freed with free()). */
static struct edgetpu_device *parse_devices(size_t *count, int with_busy_marks) {
    char *spec = setting("DEVICES");
    struct edgetpu_device *devices = NULL;
    char *cursor;
    char *entry;
    char *strings;
    size_t n = 0;
    size_t spec_len;

    *count = 0;
    if (spec == NULL || spec[0] == '\0') {
        free(spec);
        return NULL;
    }
    spec_len = strlen(spec);
    for (cursor = spec; *cursor != '\0'; cursor++) {
        n += *cursor == ';';
    }
    n += 1;
    devices = calloc(1, n * sizeof *devices + spec_len + 1);
    if (devices == NULL) {
        free(spec);
        return NULL;
    }
    strings = (char *)(devices + n);
    n = 0;
    for (entry = strtok_r(spec, ";", &cursor); entry != NULL; entry = strtok_r(NULL, ";", &cursor)) {
        char *colon = strchr(entry, ':');
        char *busy = strstr(entry, "!busy");
        if (colon == NULL) {
            continue;
        }
        if (busy != NULL && !with_busy_marks) {
            *busy = '\0';
        }
        *colon = '\0';
        devices[n].type = strcmp(entry, "pci") == 0 ? EDGETPU_APEX_PCI : EDGETPU_APEX_USB;
        strcpy(strings, colon + 1);
        devices[n].path = strings;
        strings += strlen(strings) + 1;
        n++;
    }
    free(spec);
    *count = n;
    return devices;
}

EXPORT struct edgetpu_device *edgetpu_list_devices(size_t *num_devices) {
    return parse_devices(num_devices, 0);
}

EXPORT void edgetpu_free_devices(struct edgetpu_device *dev) {
    free(dev);
}

EXPORT const char *edgetpu_version(void) {
    static char version[512];
    char *value = setting("VERSION");
    snprintf(version, sizeof version, "%s", value != NULL ? value : DEFAULT_VERSION);
    free(value);
    return version;
}

EXPORT void edgetpu_verbosity(int verbosity) {
    record("verbosity %d", verbosity);
}

/* context->GetTensor is NULL in the full TFLite runtime (only TFLite Micro sets it): index context->tensors. */
static TfLiteStatus kernel_invoke(TfLiteContext *context, TfLiteNode *node) {
    unsigned long sum = 0;
    int i;
    size_t b;

    for (i = 0; i < node->inputs->size; i++) {
        TfLiteTensor *t = &context->tensors[node->inputs->data[i]];
        const unsigned char *bytes = t->data;
        for (b = 0; bytes != NULL && b < t->bytes; b++) {
            sum += bytes[b];
        }
    }
    for (i = 0; i < node->outputs->size; i++) {
        TfLiteTensor *t = &context->tensors[node->outputs->data[i]];
        if (t->data == NULL) {
            context->ReportError(context, "edgetpu stand-in: output tensor %d has no buffer", node->outputs->data[i]);
            return kTfLiteError;
        }
        memset(t->data, (int)(sum % 251), t->bytes);
    }
    return kTfLiteOk;
}

static TfLiteStatus delegate_prepare(TfLiteContext *context, TfLiteDelegate *delegate) {
    TfLiteIntArray *plan;
    TfLiteIntArray *claimed;
    TfLiteRegistration kernel;
    TfLiteStatus status;
    int i;

    if (context->GetExecutionPlan(context, &plan) != kTfLiteOk) {
        return kTfLiteError;
    }
    claimed = malloc(sizeof *claimed + sizeof(int) * (size_t)(plan->size + 1));
    if (claimed == NULL) {
        return kTfLiteError;
    }
    claimed->size = 0;
    for (i = 0; i < plan->size; i++) {
        TfLiteNode *node;
        TfLiteRegistration *registration;
        if (context->GetNodeAndRegistration(context, plan->data[i], &node, &registration) != kTfLiteOk) {
            free(claimed);
            return kTfLiteError;
        }
        if (registration->custom_name != NULL && strcmp(registration->custom_name, CUSTOM_OP) == 0) {
            claimed->data[claimed->size++] = plan->data[i];
        }
    }
    record("prepare nodes=%d claimed=%d", plan->size, claimed->size);
    memset(&kernel, 0, sizeof kernel);
    kernel.invoke = kernel_invoke;
    kernel.custom_name = "EdgeTpuStandInKernel";
    kernel.version = 1;
    /* like libedgetpu: one delegate kernel per custom-op node, each replaced on its own */
    status = kTfLiteOk;
    for (i = 0; i < claimed->size && status == kTfLiteOk; i++) {
        struct {
            int size;
            int data[1];
        } one = {1, {claimed->data[i]}};
        status = context->ReplaceNodeSubsetsWithDelegateKernels(context, kernel, (TfLiteIntArray *)&one, delegate);
    }
    free(claimed);
    return status;
}

EXPORT struct TfLiteDelegate *edgetpu_create_delegate(enum edgetpu_device_type type, const char *name,
                                                      const struct edgetpu_option *options, size_t num_options) {
    size_t count;
    size_t i;
    struct edgetpu_device *devices = parse_devices(&count, 1);
    struct standin_delegate *delegate = NULL;
    const char *chosen = NULL;
    int busy = 0;

    record("create type=%s path=%s", type_name(type), name == NULL ? "(any)" : name);
    for (i = 0; i < num_options; i++) {
        record("option %s=%s", options[i].name, options[i].value);
    }
    for (i = 0; i < count && chosen == NULL; i++) {
        char *mark = strstr(devices[i].path, "!busy");
        if (mark != NULL) {
            *mark = '\0';
        }
        if (devices[i].type == type && (name == NULL || strcmp(name, devices[i].path) == 0)) {
            chosen = devices[i].path;
            busy = mark != NULL;
        }
    }
    if (chosen != NULL && !busy && (delegate = calloc(1, sizeof *delegate)) != NULL) {
        delegate->base.data_ = delegate;
        delegate->base.Prepare = delegate_prepare;
        /* as libedgetpu does: without it, ModifyGraphWithDelegate first prepares every op on the CPU, and the
           still-unresolved edgetpu-custom-op fails that before the delegate ever sees the graph */
        delegate->base.flags = 1; /* kTfLiteDelegateFlagsAllowDynamicTensors */
        delegate->type = type;
        snprintf(delegate->path, sizeof delegate->path, "%s", chosen);
    }
    record("created=%s", delegate != NULL ? "yes" : busy ? "no (busy)" : "no (no such device)");
    free(devices);
    return delegate == NULL ? NULL : &delegate->base;
}

EXPORT void edgetpu_free_delegate(struct TfLiteDelegate *delegate) {
    struct standin_delegate *d = (struct standin_delegate *)delegate;
    if (d != NULL) {
        record("free path=%s", d->path);
    }
    free(d);
}
