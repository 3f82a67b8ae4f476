// The FastCGI baseline of `contrib/ktk bench`: the smallest libfcgi program
// that answers every request with a fixed page of the portal's size, and
// with --select first fetches one row by primary key through Connector/C++,
// as the portal does. It ends each request as the portal's programs do
// (web/fcgi_finish.h), so that a figure compares the pages' own work. The
// portal's figures are ratios against this.
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <fcgiapp.h>
#include <mysql_driver.h>

#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "config/config.h"
#include "db/database.h"
#include "web/fcgi_finish.h"

extern char** environ;

int main(int argc, char** argv) {
    std::string pagePath;
    bool select = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--page") == 0 && i + 1 < argc) pagePath = argv[++i];
        else if (std::strcmp(argv[i], "--select") == 0) select = true;
    }
    std::ifstream in(pagePath, std::ios::binary);
    if (!in) {
        std::cerr << "usage: ktk-bench-hello --page FILE [--select]\n";
        return 2;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string body = ss.str();
    const std::string head = "Status: 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
                             std::to_string(body.size()) + "\r\n\r\n";

    std::unique_ptr<sql::Connection> conn;
    std::unique_ptr<sql::PreparedStatement> st;
    if (select) {
        ktk::config::Config config = ktk::config::Config::load(ktk::config::Config::defaultPath(), environ);
        auto options = ktk::db::connectOptions(config);
        conn.reset(sql::mysql::get_mysql_driver_instance()->connect(options));
        st.reset(conn->prepareStatement("SELECT id, email FROM users WHERE id = ?"));
    }

    FCGX_Init();
    FCGX_Request req;
    FCGX_InitRequest(&req, 0, 0);
    unsigned long n = 0;
    while (FCGX_Accept_r(&req) >= 0) {
        if (st) {
            st->setUInt64(1, 1 + (n++ % 1000));
            std::unique_ptr<sql::ResultSet> rs(st->executeQuery());
            while (rs->next()) {
            }
        }
        FCGX_PutStr(head.data(), static_cast<int>(head.size()), req.out);
        FCGX_PutStr(body.data(), static_cast<int>(body.size()), req.out);
        const char* length = FCGX_GetParam("CONTENT_LENGTH", req.envp);  // a body is never read here
        ktk::web::finishRequest(req, !length || !*length || std::strcmp(length, "0") == 0);
    }
    return 0;
}
