/*
 * A test window for the Wine tests: solid-window TITLE X Y WIDTH HEIGHT RRGGBB SECONDS opens a borderless window
 * of exactly that size, painted one known colour, and closes itself after SECONDS.
 * Built by the capture module's "windows" profile with x86_64-w64-mingw32-gcc.
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <stdlib.h>
#include <wchar.h>

static HBRUSH brush;

static LRESULT CALLBACK window_proc(HWND hwnd, UINT msg, WPARAM wp, LPARAM lp)
{
    switch (msg) {
    case WM_PAINT: {
        PAINTSTRUCT ps;
        HDC dc = BeginPaint(hwnd, &ps);
        RECT r;
        GetClientRect(hwnd, &r);
        FillRect(dc, &r, brush);
        EndPaint(hwnd, &ps);
        return 0;
    }
    case WM_TIMER:
    case WM_CLOSE:
        DestroyWindow(hwnd);
        return 0;
    case WM_DESTROY:
        PostQuitMessage(0);
        return 0;
    }
    return DefWindowProcW(hwnd, msg, wp, lp);
}

int wmain(int argc, wchar_t **argv)
{
    if (argc < 8) return 64;
    unsigned long rgb = wcstoul(argv[6], NULL, 16);
    brush = CreateSolidBrush(RGB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff));
    WNDCLASSW wc = {0};
    wc.lpfnWndProc = window_proc;
    wc.hInstance = GetModuleHandleW(NULL);
    wc.lpszClassName = L"StereoSpotSolidWindow";
    RegisterClassW(&wc);
    HWND hwnd = CreateWindowExW(0, wc.lpszClassName, argv[1], WS_POPUP | WS_VISIBLE, _wtoi(argv[2]), _wtoi(argv[3]),
                                _wtoi(argv[4]), _wtoi(argv[5]), NULL, NULL, wc.hInstance, NULL);
    SetTimer(hwnd, 1, (UINT)_wtoi(argv[7]) * 1000, NULL);
    MSG msg;
    while (GetMessageW(&msg, NULL, 0, 0) > 0) {
        DispatchMessageW(&msg);
    }
    return 0;
}
