/*
 * edgebench JNI shim: drives libedgetpu's public C API without linking against it.
 *
 * libedgetpu.so.1 is dlopen()ed on request, so the agent starts and runs CPU benchmarks on boards that lack it.
 * Java side: io.edgebench.runtime.tflite.edgetpu.EdgeTpuNative (static natives only). Handles cross the boundary
 * as jlong addresses; their single owners are EdgeTpuLibrary (the dlopen handle) and EdgeTpuDelegate.
 *
 * Every failure throws EdgeTpuNativeException with the reason and returns 0/NULL; cleanup goes through labels.
 */
#include <dlfcn.h>
#include <jni.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edgetpu_api.h"

#define EXCEPTION_CLASS "io/edgebench/runtime/tflite/edgetpu/EdgeTpuNativeException"

/* One opened libedgetpu: the dlopen handle and the entry points resolved from it. */
struct edgetpu_lib {
    void *handle;
    edgetpu_list_devices_fn list_devices;
    edgetpu_free_devices_fn free_devices;
    edgetpu_create_delegate_fn create_delegate;
    edgetpu_free_delegate_fn free_delegate;
    edgetpu_verbosity_fn verbosity; /* optional: absent from some community builds */
    edgetpu_version_fn version;
};

static void throw_native(JNIEnv *env, const char *format, const char *detail) {
    char message[1024];
    jclass cls;

    if ((*env)->ExceptionCheck(env)) {
        return; /* keep the first, more specific exception */
    }
    snprintf(message, sizeof message, format, detail == NULL ? "(no detail)" : detail);
    cls = (*env)->FindClass(env, EXCEPTION_CLASS);
    if (cls == NULL) {
        return; /* FindClass left NoClassDefFoundError pending */
    }
    (*env)->ThrowNew(env, cls, message);
    (*env)->DeleteLocalRef(env, cls);
}

static struct edgetpu_lib *lib_from(JNIEnv *env, jlong address) {
    struct edgetpu_lib *lib = (struct edgetpu_lib *)(intptr_t)address;
    if (lib == NULL) {
        throw_native(env, "%s", "libedgetpu handle is null (library not opened)");
    }
    return lib;
}

static void *resolve(JNIEnv *env, void *handle, const char *symbol, int required) {
    void *fn;
    const char *error;

    dlerror(); /* clear stale state so a NULL symbol value is not mistaken for an error */
    fn = dlsym(handle, symbol);
    error = dlerror();
    if ((fn == NULL || error != NULL) && required) {
        throw_native(env, "libedgetpu lacks a required symbol: %s", error != NULL ? error : symbol);
        return NULL;
    }
    return error != NULL ? NULL : fn;
}

/* Java: static native long open(String libraryPath) */
JNIEXPORT jlong JNICALL Java_io_edgebench_runtime_tflite_edgetpu_EdgeTpuNative_open(JNIEnv *env, jclass cls,
                                                                                     jstring library_path) {
    const char *path = NULL;
    struct edgetpu_lib *lib = NULL;
    jlong result = 0;
    (void)cls;

    if (library_path == NULL) {
        throw_native(env, "%s", "library path is null");
        goto cleanup;
    }
    path = (*env)->GetStringUTFChars(env, library_path, NULL);
    if (path == NULL) {
        goto cleanup; /* OutOfMemoryError pending */
    }
    lib = calloc(1, sizeof *lib);
    if (lib == NULL) {
        throw_native(env, "%s", "out of memory allocating the libedgetpu handle");
        goto cleanup;
    }
    /* RTLD_LOCAL: libedgetpu's bundled TFLite symbols must not leak into the global namespace. */
    lib->handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (lib->handle == NULL) {
        throw_native(env, "dlopen failed: %s", dlerror());
        goto cleanup;
    }
    if ((lib->list_devices = (edgetpu_list_devices_fn)resolve(env, lib->handle, "edgetpu_list_devices", 1)) == NULL ||
        (lib->free_devices = (edgetpu_free_devices_fn)resolve(env, lib->handle, "edgetpu_free_devices", 1)) == NULL ||
        (lib->create_delegate = (edgetpu_create_delegate_fn)resolve(env, lib->handle, "edgetpu_create_delegate", 1)) ==
            NULL ||
        (lib->free_delegate = (edgetpu_free_delegate_fn)resolve(env, lib->handle, "edgetpu_free_delegate", 1)) ==
            NULL ||
        (lib->version = (edgetpu_version_fn)resolve(env, lib->handle, "edgetpu_version", 1)) == NULL) {
        goto cleanup;
    }
    lib->verbosity = (edgetpu_verbosity_fn)resolve(env, lib->handle, "edgetpu_verbosity", 0);
    result = (jlong)(intptr_t)lib;
    lib = NULL; /* ownership passes to EdgeTpuLibrary */

cleanup:
    if (lib != NULL) {
        if (lib->handle != NULL) {
            dlclose(lib->handle);
        }
        free(lib);
    }
    if (path != NULL) {
        (*env)->ReleaseStringUTFChars(env, library_path, path);
    }
    return result;
}

/* Java: static native String version(long lib) */
JNIEXPORT jstring JNICALL Java_io_edgebench_runtime_tflite_edgetpu_EdgeTpuNative_version(JNIEnv *env, jclass cls,
                                                                                          jlong address) {
    struct edgetpu_lib *lib = lib_from(env, address);
    const char *version;
    (void)cls;

    if (lib == NULL) {
        return NULL;
    }
    version = lib->version();
    if (version == NULL) {
        throw_native(env, "%s", "edgetpu_version() returned NULL");
        return NULL;
    }
    return (*env)->NewStringUTF(env, version);
}

/* Java: static native String[] listDevices(long lib) -- pairs: type ("usb", "pci" or "unknown:N"), path */
JNIEXPORT jobjectArray JNICALL Java_io_edgebench_runtime_tflite_edgetpu_EdgeTpuNative_listDevices(JNIEnv *env,
                                                                                                   jclass cls,
                                                                                                   jlong address) {
    struct edgetpu_lib *lib = lib_from(env, address);
    struct edgetpu_device *devices = NULL;
    size_t count = 0;
    size_t i;
    jclass string_class = NULL;
    jobjectArray pairs = NULL;
    jobjectArray result = NULL;
    (void)cls;

    if (lib == NULL) {
        goto cleanup;
    }
    devices = lib->list_devices(&count);
    if (devices == NULL) {
        count = 0; /* libedgetpu returns NULL for "none found" */
    }
    if (count > 100000) {
        throw_native(env, "%s", "edgetpu_list_devices() reported an implausible device count");
        goto cleanup;
    }
    string_class = (*env)->FindClass(env, "java/lang/String");
    if (string_class == NULL) {
        goto cleanup;
    }
    pairs = (*env)->NewObjectArray(env, (jsize)(2 * count), string_class, NULL);
    if (pairs == NULL) {
        goto cleanup;
    }
    for (i = 0; i < count; i++) {
        char type_name[32];
        jstring type = NULL;
        jstring path = NULL;

        switch (devices[i].type) {
        case EDGETPU_APEX_USB:
            snprintf(type_name, sizeof type_name, "usb");
            break;
        case EDGETPU_APEX_PCI:
            snprintf(type_name, sizeof type_name, "pci");
            break;
        default:
            snprintf(type_name, sizeof type_name, "unknown:%d", (int)devices[i].type);
            break;
        }
        type = (*env)->NewStringUTF(env, type_name);
        if (type == NULL) {
            goto cleanup;
        }
        path = (*env)->NewStringUTF(env, devices[i].path == NULL ? "" : devices[i].path);
        if (path == NULL) {
            (*env)->DeleteLocalRef(env, type);
            goto cleanup;
        }
        (*env)->SetObjectArrayElement(env, pairs, (jsize)(2 * i), type);
        (*env)->SetObjectArrayElement(env, pairs, (jsize)(2 * i + 1), path);
        (*env)->DeleteLocalRef(env, type);
        (*env)->DeleteLocalRef(env, path);
        if ((*env)->ExceptionCheck(env)) {
            goto cleanup;
        }
    }
    result = pairs;
    pairs = NULL;

cleanup:
    if (devices != NULL) {
        lib->free_devices(devices);
    }
    if (pairs != NULL) {
        (*env)->DeleteLocalRef(env, pairs);
    }
    if (string_class != NULL) {
        (*env)->DeleteLocalRef(env, string_class);
    }
    return result;
}

/* Copies a Java String[] into UTF-8 C strings; returns 0 and leaves an exception pending on failure. */
static int copy_strings(JNIEnv *env, jobjectArray array, jsize count, jstring *refs, const char **chars) {
    jsize i;
    for (i = 0; i < count; i++) {
        refs[i] = (jstring)(*env)->GetObjectArrayElement(env, array, i);
        if (refs[i] == NULL) {
            throw_native(env, "%s", "option names and values must not be null");
            return 0;
        }
        chars[i] = (*env)->GetStringUTFChars(env, refs[i], NULL);
        if (chars[i] == NULL) {
            return 0;
        }
    }
    return 1;
}

static void release_strings(JNIEnv *env, jsize count, jstring *refs, const char **chars) {
    jsize i;
    for (i = 0; i < count; i++) {
        if (chars[i] != NULL) {
            (*env)->ReleaseStringUTFChars(env, refs[i], chars[i]);
        }
        if (refs[i] != NULL) {
            (*env)->DeleteLocalRef(env, refs[i]);
        }
    }
}

/*
 * Java: static native long createDelegate(long lib, int type, String path, String[] names, String[] values)
 * Returns the TfLiteDelegate* or 0 when libedgetpu could not open the device (busy, gone, no permission):
 * libedgetpu reports no reason through its C API, so the Java side words the error.
 */
JNIEXPORT jlong JNICALL Java_io_edgebench_runtime_tflite_edgetpu_EdgeTpuNative_createDelegate(
    JNIEnv *env, jclass cls, jlong address, jint type, jstring device_path, jobjectArray names, jobjectArray values) {
    struct edgetpu_lib *lib = lib_from(env, address);
    const char *path = NULL;
    jsize count = 0;
    jstring *name_refs = NULL, *value_refs = NULL;
    const char **name_chars = NULL, **value_chars = NULL;
    struct edgetpu_option *options = NULL;
    struct TfLiteDelegate *delegate;
    jsize i;
    jlong result = 0;
    (void)cls;

    if (lib == NULL) {
        goto cleanup;
    }
    if (names == NULL || values == NULL || (count = (*env)->GetArrayLength(env, names)) !=
                                               (*env)->GetArrayLength(env, values)) {
        throw_native(env, "%s", "option names and values must be non-null arrays of equal length");
        goto cleanup;
    }
    if (device_path != NULL && (path = (*env)->GetStringUTFChars(env, device_path, NULL)) == NULL) {
        goto cleanup;
    }
    /* calloc(count + 1): never a zero-size allocation, and NULL entries mark what needs no release */
    name_refs = calloc((size_t)count + 1, sizeof *name_refs);
    value_refs = calloc((size_t)count + 1, sizeof *value_refs);
    name_chars = calloc((size_t)count + 1, sizeof *name_chars);
    value_chars = calloc((size_t)count + 1, sizeof *value_chars);
    options = calloc((size_t)count + 1, sizeof *options);
    if (name_refs == NULL || value_refs == NULL || name_chars == NULL || value_chars == NULL || options == NULL) {
        throw_native(env, "%s", "out of memory copying Edge TPU options");
        goto cleanup;
    }
    if (!copy_strings(env, names, count, name_refs, name_chars) ||
        !copy_strings(env, values, count, value_refs, value_chars)) {
        goto cleanup;
    }
    for (i = 0; i < count; i++) {
        options[i].name = name_chars[i];
        options[i].value = value_chars[i];
    }
    /* libedgetpu copies the options during the call (edgetpu_c.h), so they are released right after. */
    delegate = lib->create_delegate((enum edgetpu_device_type)type, path, count > 0 ? options : NULL, (size_t)count);
    result = (jlong)(intptr_t)delegate;

cleanup:
    if (name_refs != NULL && name_chars != NULL) {
        release_strings(env, count, name_refs, name_chars);
    }
    if (value_refs != NULL && value_chars != NULL) {
        release_strings(env, count, value_refs, value_chars);
    }
    free(options);
    free(value_chars);
    free(name_chars);
    free(value_refs);
    free(name_refs);
    if (path != NULL) {
        (*env)->ReleaseStringUTFChars(env, device_path, path);
    }
    return result;
}

/* Java: static native void freeDelegate(long lib, long delegate) */
JNIEXPORT void JNICALL Java_io_edgebench_runtime_tflite_edgetpu_EdgeTpuNative_freeDelegate(JNIEnv *env, jclass cls,
                                                                                           jlong address,
                                                                                           jlong delegate) {
    struct edgetpu_lib *lib = lib_from(env, address);
    (void)cls;

    if (lib == NULL) {
        return;
    }
    if (delegate == 0) {
        throw_native(env, "%s", "delegate handle is null");
        return;
    }
    lib->free_delegate((struct TfLiteDelegate *)(intptr_t)delegate);
}

/* Java: static native boolean setVerbosity(long lib, int level) -- false when the library lacks the call */
JNIEXPORT jboolean JNICALL Java_io_edgebench_runtime_tflite_edgetpu_EdgeTpuNative_setVerbosity(JNIEnv *env,
                                                                                               jclass cls,
                                                                                               jlong address,
                                                                                               jint level) {
    struct edgetpu_lib *lib = lib_from(env, address);
    (void)cls;

    if (lib == NULL || lib->verbosity == NULL) {
        return JNI_FALSE;
    }
    lib->verbosity((int)level);
    return JNI_TRUE;
}

/* Java: static native String abi() -- the architecture this shim was compiled for, to catch a wrong extraction */
JNIEXPORT jstring JNICALL Java_io_edgebench_runtime_tflite_edgetpu_EdgeTpuNative_abi(JNIEnv *env, jclass cls) {
    (void)cls;
#if defined(__aarch64__)
    return (*env)->NewStringUTF(env, "linux-arm64");
#elif defined(__x86_64__)
    return (*env)->NewStringUTF(env, "linux-x86_64");
#else
    return (*env)->NewStringUTF(env, "linux-unknown");
#endif
}
