#include "plugin/json/json_parser.hpp"

#include <charconv>
#include <string>
#include <system_error>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>

namespace ucf::json {
namespace {

namespace bj = boost::json;

// Boost.JSON's own value-building handler (detail::handler in 1.81), but for doubles, which are
// read again from their text.
// Boost.JSON's basic_parser calls a handler by these snake_case names.
// NOLINTBEGIN(readability-identifier-naming)
struct ExactNumberHandler {
  static constexpr std::size_t max_object_size = bj::object::max_size();
  static constexpr std::size_t max_array_size = bj::array::max_size();
  static constexpr std::size_t max_key_size = bj::string::max_size();
  static constexpr std::size_t max_string_size = bj::string::max_size();

  bj::value_stack st;
  std::string number;  // the parts of a number split across writes

  explicit ExactNumberHandler(bj::storage_ptr sp) : st(std::move(sp)) {}

  bool on_document_begin(bj::error_code&) { return true; }
  bool on_document_end(bj::error_code&) { return true; }
  bool on_object_begin(bj::error_code&) { return true; }
  bool on_object_end(std::size_t n, bj::error_code&) {
    st.push_object(n);
    return true;
  }
  bool on_array_begin(bj::error_code&) { return true; }
  bool on_array_end(std::size_t n, bj::error_code&) {
    st.push_array(n);
    return true;
  }
  bool on_key_part(bj::string_view s, std::size_t, bj::error_code&) {
    st.push_chars(s);
    return true;
  }
  bool on_key(bj::string_view s, std::size_t, bj::error_code&) {
    st.push_key(s);
    return true;
  }
  bool on_string_part(bj::string_view s, std::size_t, bj::error_code&) {
    st.push_chars(s);
    return true;
  }
  bool on_string(bj::string_view s, std::size_t, bj::error_code&) {
    st.push_string(s);
    return true;
  }
  bool on_number_part(bj::string_view s, bj::error_code&) {
    number.append(s.data(), s.size());
    return true;
  }
  bool on_int64(std::int64_t i, bj::string_view, bj::error_code&) {
    number.clear();
    st.push_int64(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, bj::string_view, bj::error_code&) {
    number.clear();
    st.push_uint64(u);
    return true;
  }
  bool on_double(double d, bj::string_view s, bj::error_code&) {
    std::string_view text(s.data(), s.size());
    if (!number.empty()) {
      number.append(s.data(), s.size());
      text = number;
    }
    double exact = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), exact);
    st.push_double(ec == std::errc() && end == text.data() + text.size() ? exact : d);
    number.clear();
    return true;
  }
  bool on_bool(bool b, bj::error_code&) {
    st.push_bool(b);
    return true;
  }
  bool on_null(bj::error_code&) {
    st.push_null();
    return true;
  }
  bool on_comment_part(bj::string_view, bj::error_code&) { return true; }
  bool on_comment(bj::string_view, bj::error_code&) { return true; }
};
// NOLINTEND(readability-identifier-naming)

}  // namespace

bj::value parseJson(std::string_view text, bj::error_code& ec, bj::storage_ptr sp, const bj::parse_options& options) {
  bj::basic_parser<ExactNumberHandler> parser(options, sp);
  parser.handler().st.reset(std::move(sp));
  const std::size_t n = parser.write_some(false, text.data(), text.size(), ec);
  if (ec) return nullptr;
  if (n < text.size()) {
    ec = bj::error::extra_data;
    return nullptr;
  }
  return parser.handler().st.release();
}

bj::value parseJson(std::string_view text, bj::storage_ptr sp, const bj::parse_options& options) {
  bj::error_code ec;
  bj::value v = parseJson(text, ec, std::move(sp), options);
  if (ec) throw boost::system::system_error(ec);
  return v;
}

}  // namespace ucf::json
