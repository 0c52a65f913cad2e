from ldcf.launch import main

main()
