// libharu, opened when the first PDF is made rather than at start-up: a
// program that never makes one (most of them, most of the time) does not
// map it, nor libpng with it (about 0.26 MB a process). The functions
// PdfWriter calls, looked up once; the types are hpdf.h's own.
#pragma once

#include <hpdf.h>

namespace ktk::applications {

struct Haru {
    decltype(&HPDF_New) New;
    decltype(&HPDF_Free) Free;
    decltype(&HPDF_UseUTFEncodings) UseUTFEncodings;
    decltype(&HPDF_SetCurrentEncoder) SetCurrentEncoder;
    decltype(&HPDF_SetCompressionMode) SetCompressionMode;
    decltype(&HPDF_LoadTTFontFromFile) LoadTTFontFromFile;
    decltype(&HPDF_GetFont) GetFont;
    decltype(&HPDF_SetInfoAttr) SetInfoAttr;
    decltype(&HPDF_Font_TextWidth) Font_TextWidth;
    decltype(&HPDF_AddPage) AddPage;
    decltype(&HPDF_Page_SetSize) Page_SetSize;
    decltype(&HPDF_Page_SetGrayFill) Page_SetGrayFill;
    decltype(&HPDF_Page_BeginText) Page_BeginText;
    decltype(&HPDF_Page_SetFontAndSize) Page_SetFontAndSize;
    decltype(&HPDF_Page_TextOut) Page_TextOut;
    decltype(&HPDF_Page_EndText) Page_EndText;
    decltype(&HPDF_Page_SetGrayStroke) Page_SetGrayStroke;
    decltype(&HPDF_Page_SetLineWidth) Page_SetLineWidth;
    decltype(&HPDF_Page_MoveTo) Page_MoveTo;
    decltype(&HPDF_Page_LineTo) Page_LineTo;
    decltype(&HPDF_Page_Stroke) Page_Stroke;
    decltype(&HPDF_SaveToStream) SaveToStream;
    decltype(&HPDF_GetStreamSize) GetStreamSize;
    decltype(&HPDF_ResetStream) ResetStream;
    decltype(&HPDF_ReadFromStream) ReadFromStream;
};

// The library, opened on the first call; throws PdfError when it or one of
// its functions cannot be found (the next call tries again).
const Haru& haru();

}  // namespace ktk::applications
