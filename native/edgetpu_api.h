/*
 * The subset of libedgetpu's public C API (edgetpu_c.h) that edgebench calls, declared here so that the shim
 * builds without libedgetpu's headers and links without the library: it is dlopen()ed at run time.
 * Enum values and struct layouts follow the published header; they have been stable since libedgetpu 12.
 */
#ifndef EDGEBENCH_EDGETPU_API_H
#define EDGEBENCH_EDGETPU_API_H

#include <stddef.h>

enum edgetpu_device_type {
    EDGETPU_APEX_PCI = 0,
    EDGETPU_APEX_USB = 1,
};

struct edgetpu_device {
    enum edgetpu_device_type type;
    const char *path;
};

struct edgetpu_option {
    const char *name;
    const char *value;
};

/* Opaque here: the shim only passes the pointer on to TFLite as a number. */
struct TfLiteDelegate;

typedef struct edgetpu_device *(*edgetpu_list_devices_fn)(size_t *num_devices);
typedef void (*edgetpu_free_devices_fn)(struct edgetpu_device *dev);
typedef struct TfLiteDelegate *(*edgetpu_create_delegate_fn)(enum edgetpu_device_type type, const char *name,
                                                              const struct edgetpu_option *options,
                                                              size_t num_options);
typedef void (*edgetpu_free_delegate_fn)(struct TfLiteDelegate *delegate);
typedef void (*edgetpu_verbosity_fn)(int verbosity);
typedef const char *(*edgetpu_version_fn)(void);

#endif
