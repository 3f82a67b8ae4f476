// cgicc reads its environment and body through a CgiInput; this one reads
// them from the FastCGI request instead of the process, and never returns
// more body bytes than the limit the loop checked.
#pragma once

#include <cgicc/CgiInput.h>
#include <fcgiapp.h>

namespace ktk::web {

class FcgiInput : public cgicc::CgiInput {
public:
    // `bodyRead` counts the body's bytes as they are read.
    FcgiInput(FCGX_Request& request, std::size_t limit, std::size_t& bodyRead)
        : request_(request), remaining_(limit), bodyRead_(bodyRead) {}
    std::size_t read(char* data, std::size_t length) override;
    std::string getenv(const char* name) override;

private:
    FCGX_Request& request_;
    std::size_t remaining_;
    std::size_t& bodyRead_;
};

}  // namespace ktk::web
