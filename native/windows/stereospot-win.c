/*
 * stereospot-win.exe: what the JVM cannot do portably on Windows, in one small program shipped beside FFmpeg.
 *
 *   stereospot-win list
 *       One JSON object per line for each monitor and each visible, titled window:
 *       {"kind":"screen"|"window","handle":N,"title":"…","x":N,"y":N,"width":N,"height":N}
 *   stereospot-win audio system|mic [--port N] [--device ID]
 *       Captures sound with WASAPI (system = loopback of the default render device, mic = the default or chosen
 *       capture device) and serves it as raw PCM, s16le 48 kHz stereo, to the first client of a TCP socket on
 *       127.0.0.1 (FFmpeg: -f s16le -sample_rate 48000 -ch_layout stereo -i tcp://127.0.0.1:PORT). Prints
 *       "listening PORT" once the socket is open. Inserts silence whenever the device delivers nothing (loopback
 *       delivers no packets while nothing plays), so the stream's sound keeps pace with the clock. Ends when the
 *       client goes away. FFmpeg's stdin stays free for its own stop key.
 *   stereospot-win selftest
 *       Checks the pure parts (silence filler, loopback flag, sample conversion); exit 0 when all hold.
 *
 * Built by the Maven build (capture/pom.xml, profile "windows") with x86_64-w64-mingw32-gcc.
 */
#define COBJMACROS
#define WIN32_LEAN_AND_MEAN
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <dwmapi.h>
#include <initguid.h>
#include <mmdeviceapi.h>
#include <audioclient.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RATE 48000
#define CHANNELS 2
/* The filler waits this long without a packet before it writes silence: a device that is only late is not quiet. */
#define QUIET_FRAMES (RATE / 20)
#define ACCEPT_TIMEOUT_MS 60000

#ifndef AUDCLNT_STREAMFLAGS_AUTOCONVERTPCM
#define AUDCLNT_STREAMFLAGS_AUTOCONVERTPCM 0x80000000
#endif
#ifndef AUDCLNT_STREAMFLAGS_SRC_DEFAULT_QUALITY
#define AUDCLNT_STREAMFLAGS_SRC_DEFAULT_QUALITY 0x08000000
#endif
#ifndef DWMWA_CLOAKED
#define DWMWA_CLOAKED 14
#endif

/* ---------- pure parts (selftest covers them) ---------- */

typedef enum { MODE_SYSTEM, MODE_MIC } audio_mode;

/* System audio is the loopback of a render endpoint; a microphone is a capture endpoint without loopback. */
static EDataFlow data_flow_for(audio_mode mode) { return mode == MODE_SYSTEM ? eRender : eCapture; }

static DWORD stream_flags_for(audio_mode mode)
{
    DWORD flags = AUDCLNT_STREAMFLAGS_AUTOCONVERTPCM | AUDCLNT_STREAMFLAGS_SRC_DEFAULT_QUALITY;
    return mode == MODE_SYSTEM ? flags | AUDCLNT_STREAMFLAGS_LOOPBACK : flags;
}

/*
 * Frames of silence to write now. Only when the device has been quiet for QUIET_FRAMES and the stream is behind
 * the clock by more than that; then it catches up to the clock exactly, so the sound's length equals the time
 * that passed.
 */
static UINT64 silence_frames_due(UINT64 clock_frames, UINT64 written_frames, UINT64 frames_since_packet)
{
    if (frames_since_packet < QUIET_FRAMES || clock_frames <= written_frames + QUIET_FRAMES) {
        return 0;
    }
    return clock_frames - written_frames;
}

static short float_to_s16(float v)
{
    if (v >= 1.0f) return 32767;
    if (v <= -1.0f) return -32768;
    return (short)(v * 32767.0f);
}

/* One frame of the device's format → one stereo s16 frame (mono is doubled, extra channels are dropped). */
static void frame_to_stereo(const BYTE *frame, int channels, int is_float, int bits, short out[2])
{
    for (int c = 0; c < 2; c++) {
        int src = c < channels ? c : 0;
        if (is_float) {
            out[c] = float_to_s16(((const float *)frame)[src]);
        } else if (bits == 16) {
            out[c] = ((const short *)frame)[src];
        } else {
            out[c] = (short)(((const INT32 *)frame)[src] >> 16);
        }
    }
}

/* ---------- list ---------- */

static void print_json_string(const wchar_t *text)
{
    char utf8[1024];
    int n = WideCharToMultiByte(CP_UTF8, 0, text, -1, utf8, sizeof utf8, NULL, NULL);
    if (n <= 0) utf8[0] = 0;
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)utf8; *p; p++) {
        if (*p == '"' || *p == '\\') printf("\\%c", *p);
        else if (*p < 0x20) printf("\\u%04x", *p);
        else putchar(*p);
    }
    putchar('"');
}

static void print_source(const char *kind, UINT64 handle, const wchar_t *title, RECT r)
{
    printf("{\"kind\":\"%s\",\"handle\":%llu,\"title\":", kind, (unsigned long long)handle);
    print_json_string(title);
    printf(",\"x\":%ld,\"y\":%ld,\"width\":%ld,\"height\":%ld}\n", r.left, r.top, r.right - r.left,
           r.bottom - r.top);
}

static BOOL CALLBACK on_monitor(HMONITOR monitor, HDC dc, LPRECT rect, LPARAM data)
{
    MONITORINFOEXW info;
    (void)dc; (void)rect; (void)data;
    info.cbSize = sizeof info;
    if (GetMonitorInfoW(monitor, (MONITORINFO *)&info)) {
        print_source("screen", (UINT64)(UINT_PTR)monitor, info.szDevice, info.rcMonitor);
    }
    return TRUE;
}

static BOOL CALLBACK on_window(HWND hwnd, LPARAM data)
{
    wchar_t title[512];
    RECT r;
    DWORD cloaked = 0;
    (void)data;
    if (!IsWindowVisible(hwnd) || (GetWindowLongW(hwnd, GWL_EXSTYLE) & WS_EX_TOOLWINDOW)) return TRUE;
    /* Windows 10 keeps suspended store apps "visible" but cloaked: nothing a person could see. */
    if (SUCCEEDED(DwmGetWindowAttribute(hwnd, DWMWA_CLOAKED, &cloaked, sizeof cloaked)) && cloaked) return TRUE;
    if (GetWindowTextW(hwnd, title, 512) == 0 || !GetWindowRect(hwnd, &r)) return TRUE;
    print_source("window", (UINT64)(UINT_PTR)hwnd, title, r);
    return TRUE;
}

static int list_sources(void)
{
    SetProcessDPIAware(); /* real pixels, as gdigrab grabs them */
    EnumDisplayMonitors(NULL, NULL, on_monitor, 0);
    EnumWindows(on_window, 0);
    fflush(stdout);
    return 0;
}

/* ---------- audio ---------- */

typedef struct {
    IAudioClient *client;
    IAudioCaptureClient *capture;
    int channels, is_float, bits, block;
} device;

static void fail(const char *what, HRESULT hr)
{
    fprintf(stderr, "%s failed (0x%08lx)\n", what, (unsigned long)hr);
    fflush(stderr);
}

/* Opens the device; on failure leaves dev->capture NULL and says why on stderr (the stream then carries silence). */
static void open_device(audio_mode mode, const wchar_t *device_id, device *dev)
{
    IMMDeviceEnumerator *enumerator = NULL;
    IMMDevice *endpoint = NULL;
    WAVEFORMATEX want = {WAVE_FORMAT_PCM, CHANNELS, RATE, RATE * CHANNELS * 2, CHANNELS * 2, 16, 0};
    WAVEFORMATEX *mix = NULL;
    HRESULT hr = CoCreateInstance(&CLSID_MMDeviceEnumerator, NULL, CLSCTX_ALL, &IID_IMMDeviceEnumerator,
                                  (void **)&enumerator);
    memset(dev, 0, sizeof *dev);
    if (FAILED(hr)) { fail("MMDeviceEnumerator", hr); return; }
    hr = device_id ? IMMDeviceEnumerator_GetDevice(enumerator, device_id, &endpoint)
                   : IMMDeviceEnumerator_GetDefaultAudioEndpoint(enumerator, data_flow_for(mode), eConsole, &endpoint);
    IMMDeviceEnumerator_Release(enumerator);
    if (FAILED(hr)) { fail(mode == MODE_SYSTEM ? "Finding the speakers" : "Finding the microphone", hr); return; }
    hr = IMMDevice_Activate(endpoint, &IID_IAudioClient, CLSCTX_ALL, NULL, (void **)&dev->client);
    IMMDevice_Release(endpoint);
    if (FAILED(hr)) { fail("IAudioClient", hr); return; }
    /* 48 kHz s16 stereo, converted by Windows; if the driver refuses, its own mix format, converted here. */
    dev->channels = CHANNELS; dev->bits = 16; dev->block = want.nBlockAlign;
    hr = IAudioClient_Initialize(dev->client, AUDCLNT_SHAREMODE_SHARED, stream_flags_for(mode), 2000000, 0, &want,
                                 NULL);
    if (FAILED(hr) && SUCCEEDED(IAudioClient_GetMixFormat(dev->client, &mix)) && mix->nSamplesPerSec == RATE) {
        dev->channels = mix->nChannels; dev->bits = mix->wBitsPerSample; dev->block = mix->nBlockAlign;
        dev->is_float = mix->wFormatTag == WAVE_FORMAT_IEEE_FLOAT
            || (mix->wFormatTag == WAVE_FORMAT_EXTENSIBLE && mix->wBitsPerSample == 32
                && ((WAVEFORMATEXTENSIBLE *)mix)->SubFormat.Data1 == WAVE_FORMAT_IEEE_FLOAT);
        hr = IAudioClient_Initialize(dev->client, AUDCLNT_SHAREMODE_SHARED,
                                     mode == MODE_SYSTEM ? AUDCLNT_STREAMFLAGS_LOOPBACK : 0, 2000000, 0, mix, NULL);
    }
    if (mix) CoTaskMemFree(mix);
    if (FAILED(hr)) { fail("Opening the sound device", hr); return; }
    hr = IAudioClient_GetService(dev->client, &IID_IAudioCaptureClient, (void **)&dev->capture);
    if (FAILED(hr)) {
        /* Wine before 9.12 refuses loopback here (AUDCLNT_E_WRONG_ENDPOINT_TYPE). */
        fail(mode == MODE_SYSTEM ? "System audio loopback" : "Microphone capture", hr);
        dev->capture = NULL;
        return;
    }
    hr = IAudioClient_Start(dev->client);
    if (FAILED(hr)) { fail("Starting the sound device", hr); IAudioCaptureClient_Release(dev->capture); dev->capture = NULL; }
}

static int send_all(SOCKET s, const char *data, int length)
{
    while (length > 0) {
        int n = send(s, data, length, 0);
        if (n <= 0) return 0;
        data += n; length -= n;
    }
    return 1;
}

static char zeros[RATE / 10 * CHANNELS * 2];

static int send_silence(SOCKET s, UINT64 frames)
{
    while (frames > 0) {
        UINT64 n = frames < RATE / 10 ? frames : RATE / 10;
        if (!send_all(s, zeros, (int)(n * CHANNELS * 2))) return 0;
        frames -= n;
    }
    return 1;
}

/* Sends what the device has; returns frames sent, or -1 when the client is gone. */
static INT64 drain(device *dev, SOCKET s)
{
    static short out[RATE * CHANNELS];
    INT64 sent = 0;
    UINT32 frames;
    while (dev->capture && SUCCEEDED(IAudioCaptureClient_GetNextPacketSize(dev->capture, &frames)) && frames > 0) {
        BYTE *data;
        DWORD flags;
        if (FAILED(IAudioCaptureClient_GetBuffer(dev->capture, &data, &frames, &flags, NULL, NULL))) break;
        UINT32 n = frames < RATE ? frames : RATE;
        for (UINT32 i = 0; i < n; i++) {
            if (flags & AUDCLNT_BUFFERFLAGS_SILENT) { out[2 * i] = out[2 * i + 1] = 0; }
            else frame_to_stereo(data + (size_t)i * dev->block, dev->channels, dev->is_float, dev->bits, out + 2 * i);
        }
        IAudioCaptureClient_ReleaseBuffer(dev->capture, frames);
        if (!send_all(s, (const char *)out, (int)(n * CHANNELS * 2))) return -1;
        sent += n;
    }
    return sent;
}

static SOCKET listen_on(int port)
{
    struct sockaddr_in addr;
    int length = sizeof addr;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons((u_short)port);
    if (s == INVALID_SOCKET || bind(s, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(s, 1) != 0
        || getsockname(s, (struct sockaddr *)&addr, &length) != 0) {
        fprintf(stderr, "Could not open a local socket for the sound (error %d)\n", WSAGetLastError());
        return INVALID_SOCKET;
    }
    printf("listening %d\n", ntohs(addr.sin_port));
    fflush(stdout);
    return s;
}

static int capture_audio(audio_mode mode, int port, const wchar_t *device_id)
{
    WSADATA wsa;
    LARGE_INTEGER frequency, start, now;
    device dev;
    fd_set ready;
    struct timeval wait = {ACCEPT_TIMEOUT_MS / 1000, 0};
    UINT64 written = 0, last_packet_frame = 0;
    WSAStartup(MAKEWORD(2, 2), &wsa);
    SOCKET server = listen_on(port);
    if (server == INVALID_SOCKET) return 2;
    FD_ZERO(&ready);
    FD_SET(server, &ready);
    if (select(0, &ready, NULL, NULL, &wait) != 1) {
        fprintf(stderr, "Nobody came for the sound within %d s\n", ACCEPT_TIMEOUT_MS / 1000);
        return 3;
    }
    SOCKET client = accept(server, NULL, NULL);
    closesocket(server);
    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    open_device(mode, device_id, &dev);
    QueryPerformanceFrequency(&frequency);
    QueryPerformanceCounter(&start);
    for (;;) {
        INT64 sent = drain(&dev, client);
        if (sent < 0) break;
        QueryPerformanceCounter(&now);
        UINT64 clock = (UINT64)((now.QuadPart - start.QuadPart) * (double)RATE / (double)frequency.QuadPart);
        written += (UINT64)sent;
        if (sent > 0) last_packet_frame = clock;
        UINT64 silence = silence_frames_due(clock, written, clock - last_packet_frame);
        if (silence > 0) {
            if (!send_silence(client, silence)) break;
            written += silence;
        }
        Sleep(10);
    }
    closesocket(client);
    if (dev.client) IAudioClient_Stop(dev.client);
    return 0;
}

/* ---------- selftest ---------- */

static int failures, checks;

static void check(int ok, const char *what)
{
    checks++;
    if (!ok) { failures++; printf("FAIL %s\n", what); }
}

static int selftest(void)
{
    short s[2];
    float stereo[2] = {0.5f, -2.0f};
    short mono16[1] = {1234};
    check((stream_flags_for(MODE_SYSTEM) & AUDCLNT_STREAMFLAGS_LOOPBACK) != 0, "system audio asks for loopback");
    check((stream_flags_for(MODE_MIC) & AUDCLNT_STREAMFLAGS_LOOPBACK) == 0, "the microphone does not");
    check(data_flow_for(MODE_SYSTEM) == eRender, "loopback opens the render (speaker) endpoint");
    check(data_flow_for(MODE_MIC) == eCapture, "the microphone opens a capture endpoint");
    check(silence_frames_due(RATE, RATE - 480, 480) == 0, "a device that is only 10 ms late gets no silence");
    check(silence_frames_due(RATE, 0, RATE) == RATE, "a quiet second is filled with a second of silence");
    check(silence_frames_due(RATE, RATE - QUIET_FRAMES, RATE) == 0, "no silence within the quiet margin");
    check(silence_frames_due(2 * RATE, RATE, RATE) == RATE, "the filler catches up with the clock exactly");
    check(silence_frames_due(RATE, 2 * RATE, RATE) == 0, "never silence when ahead of the clock");
    /* A stream with no packets at all, clocked in 10 ms steps for 5 s, ends exactly at the clock. */
    {
        UINT64 written = 0, clock = 0;
        for (int i = 0; i < 500; i++) {
            clock += RATE / 100;
            written += silence_frames_due(clock, written, clock);
        }
        written += silence_frames_due(clock + QUIET_FRAMES + 1, written, clock + QUIET_FRAMES + 1);
        check(written == clock + QUIET_FRAMES + 1, "five quiet seconds give five seconds of silence");
    }
    frame_to_stereo((const BYTE *)stereo, 2, 1, 32, s);
    check(s[0] == 16383 && s[1] == -32768, "float samples convert and clip");
    frame_to_stereo((const BYTE *)mono16, 1, 0, 16, s);
    check(s[0] == 1234 && s[1] == 1234, "mono is doubled to stereo");
    printf("%d checks, %d failed\n", checks, failures);
    return failures == 0 ? 0 : 1;
}

int wmain(int argc, wchar_t **argv)
{
    if (argc >= 2 && wcscmp(argv[1], L"list") == 0) return list_sources();
    if (argc >= 2 && wcscmp(argv[1], L"selftest") == 0) return selftest();
    if (argc >= 3 && wcscmp(argv[1], L"audio") == 0) {
        int port = 0;
        const wchar_t *device_id = NULL;
        for (int i = 3; i + 1 < argc; i += 2) {
            if (wcscmp(argv[i], L"--port") == 0) port = _wtoi(argv[i + 1]);
            else if (wcscmp(argv[i], L"--device") == 0) device_id = argv[i + 1];
        }
        if (wcscmp(argv[2], L"system") == 0) return capture_audio(MODE_SYSTEM, port, device_id);
        if (wcscmp(argv[2], L"mic") == 0) return capture_audio(MODE_MIC, port, device_id);
    }
    fprintf(stderr, "usage: stereospot-win list | audio system|mic [--port N] [--device ID] | selftest\n");
    return 64;
}
