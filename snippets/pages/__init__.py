"""The numerical checks the pages show, one module a page; the tests run every one."""
