from ldcf.cli import main

main()
