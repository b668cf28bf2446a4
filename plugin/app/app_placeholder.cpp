// Application services land here (issue 4).
