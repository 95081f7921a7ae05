from ordertui.cli import main

raise SystemExit(main())
