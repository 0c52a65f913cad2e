from ldcf.cli.fast import main

main()
