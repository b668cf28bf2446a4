// Application services: see plugin/app/README.md.
