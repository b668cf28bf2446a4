int main() { return 0; }  // Linked with the whole domain archive and nothing else.
