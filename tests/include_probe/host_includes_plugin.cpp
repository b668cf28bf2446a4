// Compiled by the test "a host file that includes plugin/… does not compile" with the mock host's
// include roots: the first include resolves (the host's own header), the second must not
// (docs/PRODUCT.md §11: the host links no plugin code).
#include "mock-host/route_table.hpp"
#include "plugin/domain/filing.hpp"
