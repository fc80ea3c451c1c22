/*
 * Test rig only (WaylandDesktop): loaded into xdg-desktop-portal-wlr with LD_PRELOAD.
 *
 * xdg-desktop-portal-wlr 0.7.0 starts a screen cast only when the compositor offers a DMA-BUF format for the
 * capture as well as a shared-memory one: src/screencast/screencast.c, start_screencast(), tests
 * "screencast_version >= 3", which is the portal's own interface version (4), so the test always holds (upstream
 * issue emersion/xdg-desktop-portal-wlr#289, "unable to receive a valid format from wlr_screencopy"). A compositor
 * without a GPU, as sway with its pixman renderer on this headless rig, never offers DMA-BUF. Without modifiers
 * the portal then offers PipeWire shared memory only, which is what it would use anyway. So this shim repeats
 * each screencopy frame's shared-memory format as its "linux_dmabuf" event; nothing else changes. Desktops with a
 * GPU, and GNOME and KDE (other portal back ends), do not need it.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <string.h>

struct wl_proxy;
const char *wl_proxy_get_class(struct wl_proxy *proxy);

/* zwlr_screencopy_frame_v1's events, in the protocol's order. */
struct frame_listener {
    void (*buffer)(void *data, struct wl_proxy *frame, uint32_t format, uint32_t width, uint32_t height,
            uint32_t stride);
    void (*flags)(void);
    void (*ready)(void);
    void (*failed)(void);
    void (*damage)(void);
    void (*linux_dmabuf)(void *data, struct wl_proxy *frame, uint32_t format, uint32_t width, uint32_t height);
    void (*buffer_done)(void);
};

static const struct frame_listener *original;
static struct frame_listener wrapped;

/* wl_shm's two own codes; every other wl_shm format code is its DRM fourcc. */
static uint32_t drm_fourcc(uint32_t shm_format) {
    if (shm_format == 0) {
        return 0x34325241; /* AR24 */
    }
    if (shm_format == 1) {
        return 0x34325258; /* XR24 */
    }
    return shm_format;
}

static void buffer(void *data, struct wl_proxy *frame, uint32_t format, uint32_t width, uint32_t height,
        uint32_t stride) {
    original->buffer(data, frame, format, width, height, stride);
    original->linux_dmabuf(data, frame, drm_fourcc(format), width, height);
}

int wl_proxy_add_listener(struct wl_proxy *proxy, void (**implementation)(void), void *data) {
    static int (*real)(struct wl_proxy *, void (**)(void), void *);
    if (!real) {
        real = (int (*)(struct wl_proxy *, void (**)(void), void *)) dlsym(RTLD_NEXT, "wl_proxy_add_listener");
    }
    if (strcmp(wl_proxy_get_class(proxy), "zwlr_screencopy_frame_v1") == 0) {
        original = (const struct frame_listener *) implementation;
        wrapped = *original;
        wrapped.buffer = buffer;
        return real(proxy, (void (**)(void)) &wrapped, data);
    }
    return real(proxy, implementation, data);
}
