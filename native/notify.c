/*
 * sd_notify(3) for the agent: systemd's readiness/watchdog protocol is one datagram (e.g. "READY=1" or
 * "WATCHDOG=1") sent to the AF_UNIX socket named by $NOTIFY_SOCKET. The JDK cannot send unix datagrams, so this
 * file does it; it links no libsystemd (boards without it still load the shim).
 *
 * Java side: io.edgebench.systemd.SdNotify (static natives only). Stateless: a socket per message, closed before
 * returning, so nothing needs an owner.
 */
#include <errno.h>
#include <jni.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define IO_EXCEPTION_CLASS "java/io/IOException"

static void throw_io(JNIEnv *env, const char *what, const char *path, int error) {
    char message[512];
    jclass cls;

    if ((*env)->ExceptionCheck(env)) {
        return;
    }
    snprintf(message, sizeof message, "sd_notify: %s [%s] failed: %s", what, path, strerror(error));
    cls = (*env)->FindClass(env, IO_EXCEPTION_CLASS);
    if (cls == NULL) {
        return;
    }
    (*env)->ThrowNew(env, cls, message);
    (*env)->DeleteLocalRef(env, cls);
}

/*
 * Fills addr from a $NOTIFY_SOCKET value: a path ("/run/systemd/notify") or an abstract name ("@name", whose
 * leading '@' stands for the NUL byte of Linux's abstract namespace). Returns the address length, or 0 if the value
 * cannot be a unix socket address.
 */
static socklen_t notify_address(const char *socket_path, struct sockaddr_un *addr) {
    size_t len = strlen(socket_path);

    memset(addr, 0, sizeof *addr);
    addr->sun_family = AF_UNIX;
    if (len < 2 || len >= sizeof addr->sun_path || (socket_path[0] != '/' && socket_path[0] != '@')) {
        return 0;
    }
    memcpy(addr->sun_path, socket_path, len);
    if (socket_path[0] == '@') {
        addr->sun_path[0] = '\0';
        return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len); /* abstract: no trailing NUL counted */
    }
    return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len + 1);
}

/* Java: static native int send(String socketPath, String state) throws IOException */
JNIEXPORT jint JNICALL Java_io_edgebench_systemd_SdNotify_send(JNIEnv *env, jclass cls, jstring socket_path,
                                                              jstring state) {
    const char *path = NULL;
    const char *text = NULL;
    struct sockaddr_un addr;
    socklen_t addr_len;
    int fd = -1;
    ssize_t sent;
    jint result = 0;
    (void)cls;

    if (socket_path == NULL || state == NULL) {
        throw_io(env, "send", "(null)", EINVAL);
        goto cleanup;
    }
    path = (*env)->GetStringUTFChars(env, socket_path, NULL);
    text = (*env)->GetStringUTFChars(env, state, NULL);
    if (path == NULL || text == NULL) {
        goto cleanup; /* OutOfMemoryError pending */
    }
    addr_len = notify_address(path, &addr);
    if (addr_len == 0) {
        throw_io(env, "address (expected /path or @abstract, shorter than 108 bytes)", path, EINVAL);
        goto cleanup;
    }
    fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        throw_io(env, "socket(AF_UNIX, SOCK_DGRAM)", path, errno);
        goto cleanup;
    }
    sent = sendto(fd, text, strlen(text), MSG_NOSIGNAL, (struct sockaddr *)&addr, addr_len);
    if (sent < 0) {
        throw_io(env, "sendto", path, errno);
        goto cleanup;
    }
    result = (jint)sent;

cleanup:
    if (fd >= 0) {
        close(fd);
    }
    if (text != NULL) {
        (*env)->ReleaseStringUTFChars(env, state, text);
    }
    if (path != NULL) {
        (*env)->ReleaseStringUTFChars(env, socket_path, path);
    }
    return result;
}
