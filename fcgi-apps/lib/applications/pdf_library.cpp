#include "applications/pdf_library.h"

#include <dlfcn.h>

#include <string>

#include "applications/pdf_document.h"

namespace ktk::applications {

namespace {

template <typename Function>
void find(void* library, Function& fn, const char* name) {
    fn = reinterpret_cast<Function>(dlsym(library, name));
    if (!fn) throw PdfError(std::string("libharu: no ") + name);
}

Haru open() {
    // KTK_HPDF_SONAME: the library the build found (fcgi-apps/CMakeLists.txt).
    void* library = dlopen(KTK_HPDF_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!library) throw PdfError(std::string("libharu: cannot open ") + KTK_HPDF_SONAME);
    Haru h;
    find(library, h.New, "HPDF_New");
    find(library, h.Free, "HPDF_Free");
    find(library, h.UseUTFEncodings, "HPDF_UseUTFEncodings");
    find(library, h.SetCurrentEncoder, "HPDF_SetCurrentEncoder");
    find(library, h.SetCompressionMode, "HPDF_SetCompressionMode");
    find(library, h.LoadTTFontFromFile, "HPDF_LoadTTFontFromFile");
    find(library, h.GetFont, "HPDF_GetFont");
    find(library, h.SetInfoAttr, "HPDF_SetInfoAttr");
    find(library, h.Font_TextWidth, "HPDF_Font_TextWidth");
    find(library, h.AddPage, "HPDF_AddPage");
    find(library, h.Page_SetSize, "HPDF_Page_SetSize");
    find(library, h.Page_SetGrayFill, "HPDF_Page_SetGrayFill");
    find(library, h.Page_BeginText, "HPDF_Page_BeginText");
    find(library, h.Page_SetFontAndSize, "HPDF_Page_SetFontAndSize");
    find(library, h.Page_TextOut, "HPDF_Page_TextOut");
    find(library, h.Page_EndText, "HPDF_Page_EndText");
    find(library, h.Page_SetGrayStroke, "HPDF_Page_SetGrayStroke");
    find(library, h.Page_SetLineWidth, "HPDF_Page_SetLineWidth");
    find(library, h.Page_MoveTo, "HPDF_Page_MoveTo");
    find(library, h.Page_LineTo, "HPDF_Page_LineTo");
    find(library, h.Page_Stroke, "HPDF_Page_Stroke");
    find(library, h.SaveToStream, "HPDF_SaveToStream");
    find(library, h.GetStreamSize, "HPDF_GetStreamSize");
    find(library, h.ResetStream, "HPDF_ResetStream");
    find(library, h.ReadFromStream, "HPDF_ReadFromStream");
    return h;  // the library stays open for the process's life
}

}  // namespace

const Haru& haru() {
    static const Haru library = open();
    return library;
}

}  // namespace ktk::applications
