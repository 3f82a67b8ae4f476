// The templates under templates_dir (all of them, or those a program
// names), loaded once at startup for each language and then frozen. Before
// ctemplate sees a template, each {{_message.key}} in it is replaced by
// that message's translation (HTML-escaped in HTML templates; with
// {{_message.key:uri}} percent-encoded instead, for a URL such as a
// mailto: subject), so a page costs one expansion and no catalog lookups.
// A key missing from either catalog stops the program at startup instead
// of showing a raw key to a user.
#pragma once

#include <ctemplate/template.h>

#include <map>
#include <string>
#include <vector>

#include "domain/lang.h"
#include "view/translator.h"

namespace ktk::view {

class Views {
public:
    // Loads the templates whose names (paths under templates/, without
    // .tpl) start with one of `only` ("register/", "mail/password_reset/"),
    // or every template when `only` is empty. A parsed template stays in
    // memory, in both languages, for the life of the process, so a FastCGI
    // program loads only what it renders. Throws std::runtime_error on an
    // unreadable or invalid template, and when a prefix selects none.
    Views(const std::string& templatesDir, const Translator& translator, const std::vector<std::string>& only = {});
    // None loaded: a program assigns the real one once its routes have
    // named the templates they render.
    Views() = default;

    // Expands template `name` (its path under templates/, without .tpl).
    // Throws std::runtime_error for an unknown template.
    std::string expand(domain::Lang lang, const std::string& name,
                       const ctemplate::TemplateDictionary& dict) const;

    // The cache key of a template, for include dictionaries.
    static std::string key(domain::Lang lang, const std::string& name);

    // Replaces the {{_key}} markers of one template's text (exposed for tests).
    static std::string translate(const std::string& text, domain::Lang lang, const Translator& translator,
                                 bool html, const std::string& origin);

private:
    std::map<std::string, ctemplate::Strip> strip_;  // by name
};

std::string escapeHtml(std::string_view text);
// RFC 3986 percent-encoding of UTF-8 bytes: only A–Z a–z 0–9 - . _ ~ stay
// (a space is %20, never '+', as RFC 6068 wants in a mailto: URL).
std::string percentEncode(std::string_view text);

}  // namespace ktk::view
