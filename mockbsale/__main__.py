from mockbsale.cli import main

raise SystemExit(main())
