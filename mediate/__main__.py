from mediate.cli import main

main()
