// For headers that only pass the templates or the catalogs along: naming
// them does not pull ctemplate into every file that includes the header.
#pragma once

namespace ktk::view {
class Views;
class Translator;
}  // namespace ktk::view
