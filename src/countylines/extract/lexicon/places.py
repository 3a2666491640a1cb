"""A gazetteer of UK towns and districts for county-lines work: hubs and markets.

Written for this project from public knowledge of places (Ordnance Survey and ONS names):
every town and large village of Essex, the London boroughs and their well-known districts,
and the cities and towns of England, Wales, Scotland and Northern Ireland that county-lines
reporting names as hubs or markets. More names can be given at run time (the workspace's
loaded geography: ``extract(..., gazetteer=...)``).

One place a line: ``Canonical name | other spelling | …``. A leading ``*`` marks a name that
is also an everyday word or a person's name (``Reading``, ``Preston``, ``Barking``): it is
taken only in capitals and after a word that places it (``in Reading``, ``from Preston``).
Other names are also taken in lower case (``down from london``) when they are one word not
in :data:`NOT_IN_LOWER_CASE`.
"""

from __future__ import annotations

_ESSEX = """
Clacton-on-Sea | Clacton | Clacton on Sea
Jaywick
Holland-on-Sea | Holland on Sea
Great Clacton
Little Clacton
Frinton-on-Sea | Frinton | Frinton on Sea
Walton-on-the-Naze | Walton on the Naze | Walton-on-Naze
Kirby-le-Soken | Kirby le Soken
Kirby Cross
Thorpe-le-Soken | Thorpe le Soken
Weeley
St Osyth | St. Osyth | Saint Osyth
Point Clear
Brightlingsea
Alresford
Wivenhoe
Harwich
Dovercourt
Parkeston
Manningtree
Mistley
Lawford
Great Bentley
Elmstead Market
Ardleigh
Great Bromley
Thorrington
*Tendring
Colchester
Stanway
Tiptree
West Mersea | Mersea | Mersea Island
Coggeshall
Marks Tey
Rowhedge
Dedham
Chelmsford
Braintree
*Witham
Halstead
Maldon
Heybridge
Burnham-on-Crouch | Burnham on Crouch
South Woodham Ferrers
Billericay
Basildon
Wickford
Pitsea
Laindon
Vange
Canvey Island | Canvey
Benfleet | South Benfleet
Hadleigh
Thundersley
Rayleigh
Hockley
Hullbridge
Rochford
Southend-on-Sea | Southend | Southend on Sea
Westcliff-on-Sea | Westcliff | Westcliff on Sea
Leigh-on-Sea | Leigh on Sea
Shoeburyness | Shoebury
Thorpe Bay
Prittlewell
*Grays
Tilbury
Stanford-le-Hope | Stanford le Hope
Corringham
South Ockendon
Aveley
Purfleet
Chafford Hundred
West Thurrock
Thurrock
Brentwood
Shenfield
Ingatestone
*Harlow
Epping
Loughton
Waltham Abbey
Chigwell
Buckhurst Hill
Theydon Bois
Chipping Ongar | Ongar
North Weald
Saffron Walden
Great Dunmow | Dunmow
Stansted Mountfitchet | Stansted
Thaxted
Sible Hedingham
Castle Hedingham
Kelvedon
Hatfield Peverel
Danbury
Writtle
Great Baddow
Southminster
Tollesbury
Earls Colne
Silver End
"""

_LONDON = """
London
*Barking
Dagenham
*Barnet
Bexley
Bexleyheath
*Brent
*Bromley
Camden | Camden Town
Croydon
Ealing
Enfield | Enfield Town
Greenwich
*Hackney
Hammersmith
Fulham
Haringey
*Harrow
Havering
Hillingdon
Hounslow
Islington
Kensington
*Chelsea
Kingston upon Thames | Kingston
Lambeth
Lewisham
*Merton
Newham
Redbridge
*Richmond
Southwark
*Sutton
Tower Hamlets
Waltham Forest
Wandsworth
Westminster
Brixton
Peckham
Stratford
Walthamstow
Tottenham
Harlesden
Clapham
Shoreditch
Kilburn
*Holloway
Deptford
Woolwich
*Leyton
Leytonstone
Edmonton
Streatham
Camberwell
*Bow
Dalston
Wembley
*Acton
Catford
Plaistow
East Ham
West Ham
Forest Gate
Canning Town
Beckton
*Poplar
Mile End
Whitechapel
Bethnal Green
Stepney
Limehouse
Canary Wharf
Isle of Dogs
Bermondsey
Rotherhithe
Elephant and Castle | Elephant & Castle
Kennington
*Vauxhall
Stockwell
Balham
*Tooting
Battersea
Putney
Wimbledon
Mitcham
Morden
Thornton Heath
Norwood | South Norwood | Upper Norwood | West Norwood
Sydenham
Forest Hill
Brockley
New Cross
Eltham
Plumstead
Thamesmead
Erith
Abbey Wood
Sidcup
Orpington
Penge
Anerley
Crystal Palace
Herne Hill
Dulwich
Notting Hill
Ladbroke Grove
Paddington
Marylebone
Kentish Town
Archway
Finsbury Park
Highbury
Stoke Newington
Stamford Hill
Homerton
Hackney Wick
*Clapton
Hoxton
Haggerston
Wood Green
Hornsey
Muswell Hill
Crouch End
Highgate
Golders Green
Hendon
Edgware
Mill Hill
Neasden
Willesden
Kensal Green
Kensal Rise
Shepherd's Bush | Shepherds Bush
White City
Southall
*Hayes
Uxbridge
Northolt
Greenford
Hanwell
Brentford
Chiswick
Feltham
Twickenham
*Hampton
Surbiton
New Malden
Chessington
Carshalton
Wallington
Purley
Coulsdon
Addiscombe
Chingford
Wanstead
Woodford
Ilford
Seven Kings
Goodmayes
Chadwell Heath
Romford
Hornchurch
Upminster
Rainham
Harold Hill
Collier Row
Elm Park
Barkingside
Hainault
Gants Hill
Manor Park
Upton Park
Custom House
Silvertown
Ponders End
Southgate
Palmers Green
Winchmore Hill
Seven Sisters
Northumberland Park
King's Cross | Kings Cross
Euston
Holborn
Soho
Mayfair
Pimlico
Lambeth North
"""

_UK = """
Birmingham
Manchester
Liverpool
Leeds
Sheffield
Bristol
Nottingham
Leicester
Coventry
Bradford
Newcastle upon Tyne | Newcastle
Sunderland
Middlesbrough
*Hull | Kingston upon Hull
York
*Derby
Stoke-on-Trent | Stoke on Trent | Stoke
Wolverhampton
Walsall
*Dudley
West Bromwich
Solihull
Oxford
Cambridge
Norwich
Ipswich
Peterborough
Luton
Milton Keynes
Northampton
*Bedford
*Reading
Slough
Watford
St Albans | St. Albans
Stevenage
Hemel Hempstead
Hertford
Hatfield
Welwyn Garden City
Bishop's Stortford | Bishops Stortford
Hitchin
Letchworth
Cheshunt
Hoddesdon
*Ware
Sawbridgeworth
*Royston
Southampton
Portsmouth
Bournemouth
*Poole
Brighton
Hove
Eastbourne
*Hastings
Worthing
*Crawley
Horsham
Guildford
Woking
Maidstone
Canterbury
Margate
Ramsgate
Broadstairs
Folkestone
Dover
Ashford
Gravesend
Dartford
*Chatham
Gillingham
*Rochester
Sittingbourne
Faversham
Whitstable
Herne Bay
Tunbridge Wells
Tonbridge
Sevenoaks
Exeter
Plymouth
Torquay
Paignton
Barnstaple
Taunton
*Bath
Swindon
Gloucester
Cheltenham
Worcester
Hereford
Shrewsbury
Telford
*Stafford
*Lincoln
Grimsby
Scunthorpe
Doncaster
Rotherham
Barnsley
Wakefield
Huddersfield
*Halifax
Blackburn
Burnley
*Preston
Blackpool
*Lancaster
Carlisle
Bolton
*Bury
Oldham
Rochdale
Stockport
Wigan
Warrington
*Chester
Crewe
Nuneaton
*Rugby
Kettering
Corby
Wellingborough
Great Yarmouth | Yarmouth
Lowestoft
King's Lynn | Kings Lynn
Thetford
Bury St Edmunds | Bury St. Edmunds
Sudbury
Felixstowe
Haverhill
Newmarket
Stowmarket
Cromer
Wisbech
*Ely
Huntingdon
St Neots | St. Neots
Weymouth
Salisbury
Basingstoke
Winchester
Aldershot
Farnborough
High Wycombe
Aylesbury
Banbury
Bicester
Kidderminster
Redditch
Bromsgrove
Tamworth
*Burton | Burton upon Trent | Burton-on-Trent
Lichfield
Cannock
*Mansfield
Chesterfield
Worksop
*Newark
*Grantham
*Boston
Skegness
Spalding
Scarborough
Whitby
Harrogate
Darlington
Hartlepool
Stockton-on-Tees | Stockton on Tees | Stockton
*Durham
Gateshead
South Shields
*Blyth
Workington
Barrow-in-Furness | Barrow in Furness
*Barrow
*Kendal
Southport
St Helens | St. Helens
Birkenhead
Wirral
Bootle
Runcorn
Widnes
Macclesfield
Hinckley
Loughborough
Melton Mowbray
*Melton
Coalville
Bridgwater
Yeovil
Weston-super-Mare | Weston super Mare
Newquay
Truro
Penzance
St Austell | St. Austell
Falmouth
Torbay
Newton Abbot
Bideford
Exmouth
Totnes
"""

_ENGLAND = """
Jarrow
Hebburn
*Washington
Houghton-le-Spring | Houghton le Spring
Seaham
Peterlee
Chester-le-Street | Chester le Street
Consett
*Stanley
Bishop Auckland
Newton Aycliffe | Aycliffe
Spennymoor
Shildon
Redcar
Guisborough
Billingham
Thornaby | Thornaby-on-Tees | Thornaby on Tees
Ingleby Barwick
Yarm
Saltburn-by-the-Sea | Saltburn | Saltburn by the Sea
Whitley Bay
Tynemouth
North Shields
Wallsend
Cramlington
Ashington
Morpeth
Bedlington
Hexham
Alnwick
Berwick-upon-Tweed | Berwick upon Tweed | Berwick
Prudhoe
Ponteland
Salford
*Eccles
*Swinton
Walkden
*Leigh
*Atherton
Tyldesley
Hindley
Ashton-in-Makerfield | Ashton in Makerfield
Ashton-under-Lyne | Ashton under Lyne
Stalybridge
*Hyde
Dukinfield
*Denton
Droylsden
Glossop
*Middleton
*Heywood
*Radcliffe
Prestwich
Whitefield
*Ramsbottom
Farnworth
Horwich
Westhoughton
Littleborough
Royton
Chadderton
Failsworth
Altrincham
*Sale
Stretford
Urmston
*Cheadle
Cheadle Hulme
Bramhall
Hazel Grove
*Marple
Wilmslow
Knutsford
Northwich
Winsford
Middlewich
Sandbach
Alsager
Congleton
Nantwich
Ellesmere Port
Neston
Frodsham
Newton-le-Willows | Newton le Willows
*Prescot
Huyton
*Kirkby
Skelmersdale | Skem
Ormskirk
Maghull
*Formby
*Crosby
Litherland
Wallasey
Bebington
Heswall
West Kirby
Hoylake
Chorley
*Leyland
Bamber Bridge
Penwortham
Lytham St Annes | Lytham St. Annes | Lytham | St Annes | St. Annes
*Fleetwood
Thornton-Cleveleys | Thornton Cleveleys | Cleveleys
Poulton-le-Fylde | Poulton le Fylde
Kirkham
Garstang
Morecambe
Heysham
Carnforth
Accrington
Darwen
Haslingden
Rawtenstall
Bacup
*Nelson
Colne
Clitheroe
Padiham
Great Harwood
Oswaldtwistle
Whitehaven
Penrith
Maryport
Cockermouth
Keswick
Ulverston
Windermere
Ambleside
Egremont
Cleator Moor
Wigton
Millom
Dalton-in-Furness | Dalton in Furness
Grange-over-Sands | Grange over Sands
Appleby-in-Westmorland | Appleby in Westmorland
Keighley
*Bingley
*Shipley
Ilkley
Otley
Skipton
*Settle
Guiseley
Yeadon
*Pudsey
*Morley
Batley
Dewsbury
Heckmondwike
Cleckheaton
Brighouse
Elland
Sowerby Bridge
Hebden Bridge
Todmorden
Holmfirth
Mirfield
Ossett
Horbury
Castleford
Pontefract
Knottingley
Normanton
*Featherstone
Hemsworth
South Elmsall
South Kirkby
*Rothwell
Garforth
Wetherby
Tadcaster
*Selby
Goole
*Thorne
Mexborough
Wath upon Dearne | Wath-upon-Dearne | Wath
Conisbrough
Maltby
Rawmarsh
Dinnington
Stocksbridge
Penistone
Wombwell
Hoyland
Knaresborough
Ripon
Northallerton
Thirsk
Catterick
Malton
*Pickering
Filey
Bridlington
Driffield
*Beverley
Hornsea
Withernsea
Hessle
*Cottingham
Pocklington
*Howden
Rossington
Armthorpe
Askern
Ilkeston
Long Eaton
Heanor
*Ripley
Alfreton
Belper
Matlock
*Bakewell
*Buxton
New Mills
Ashbourne
Swadlincote
Dronfield
Bolsover
*Staveley
Clay Cross
Shirebrook
Beeston
*Arnold
*Carlton
West Bridgford
Hucknall
Sutton-in-Ashfield | Sutton in Ashfield
Kirkby-in-Ashfield | Kirkby in Ashfield
Mansfield Woodhouse
*Eastwood
Stapleford
*Bingham
Retford
Southwell
Market Harborough
Lutterworth
Oadby
Wigston
Syston
Shepshed
Ashby-de-la-Zouch | Ashby de la Zouch
Oakham
Uppingham
Stamford
*Bourne
Sleaford
*Gainsborough
Louth
Horncastle
Mablethorpe
Market Rasen
Brigg
Barton-upon-Humber | Barton upon Humber
Cleethorpes
Immingham
Daventry
Towcester
Brackley
Rushden
Raunds
Irthlingborough
Higham Ferrers
Desborough
Sutton Coldfield
Smethwick
Oldbury
Tipton
Wednesbury
Willenhall
Bloxwich
Darlaston
Bilston
Wednesfield
Brierley Hill
Stourbridge
Halesowen
Rowley Regis
Cradley Heath
Sedgley
Kingswinford
Handsworth
Erdington
*Aston
Small Heath
Sparkbrook
Balsall Heath
Lozells
Ladywood
Kingstanding
Bordesley Green
Castle Vale
Chelmsley Wood
Northfield
Selly Oak
Kings Heath | King's Heath
Acocks Green
*Shirley
Bedworth
*Warwick
Leamington Spa | Royal Leamington Spa | Leamington
Kenilworth
Stratford-upon-Avon | Stratford upon Avon
Alcester
Atherstone
Coleshill
Newcastle-under-Lyme | Newcastle under Lyme
Kidsgrove
*Leek
*Stone
Uttoxeter
Rugeley
Hednesford
Burntwood
Biddulph
Hanley
Burslem
*Longton
*Tunstall
*Fenton
Ludlow
Bridgnorth
Oswestry
Market Drayton
Whitchurch
*Wellington
*Madeley
Evesham
Malvern | Great Malvern
Droitwich | Droitwich Spa
Pershore
Stourport-on-Severn | Stourport on Severn | Stourport
Bewdley
Leominster
Ross-on-Wye | Ross on Wye
Ledbury
Dereham | East Dereham
Fakenham
Swaffham
Downham Market
North Walsham
Wymondham
Attleborough
*Diss
Sheringham
Hunstanton
Aylsham
Gorleston-on-Sea | Gorleston | Gorleston on Sea
Caister-on-Sea | Caister on Sea
Beccles
Bungay
Halesworth
Southwold
Leiston
Woodbridge
*Brandon
Mildenhall
Needham Market
*March
Chatteris
Whittlesey
*Ramsey
*St Ives | St. Ives
Soham
Littleport
Biggleswade
*Sandy
Leighton Buzzard
Dunstable
Houghton Regis
Flitwick
Ampthill
Kempston
Harpenden
Tring
Berkhamsted
Borehamwood | Boreham Wood
Potters Bar
Bushey
Rickmansworth
Baldock
Waltham Cross
Welwyn
Bracknell
Wokingham
Maidenhead
*Windsor
Newbury
Thatcham
Didcot
Abingdon | Abingdon-on-Thames
Wantage
Witney
Carterton
Chipping Norton
Henley-on-Thames | Henley on Thames
Thame
Kidlington
*Marlow
Beaconsfield
Amersham
Chesham
Princes Risborough
*Buckingham
Bletchley
Wolverton
Newport Pagnell
Epsom
Ewell
Leatherhead
Dorking
Reigate
Redhill
Horley
Caterham
Oxted
Godalming
Farnham
Camberley
Frimley
Staines-upon-Thames | Staines upon Thames | Staines
Egham
Weybridge
Walton-on-Thames | Walton on Thames
Esher
*Cobham
Addlestone
Chertsey
Sunbury-on-Thames | Sunbury on Thames | Sunbury
Haslemere
Cranleigh
Banstead
Chichester
Bognor Regis | Bognor
Littlehampton
Burgess Hill
Haywards Heath
East Grinstead
Lewes
Newhaven
Seaford
Peacehaven
Uckfield
Crowborough
Hailsham
Bexhill-on-Sea | Bexhill | Bexhill on Sea
*Rye
*Battle
Shoreham-by-Sea | Shoreham | Shoreham by Sea
*Lancing
Arundel
Selsey
Andover
Fareham
Gosport
Havant
Waterlooville
Eastleigh
Romsey
Lymington
New Milton
Ringwood
Petersfield
*Alton
*Fleet
Yateley
Totton
Hedge End
Chandler's Ford | Chandlers Ford
Hythe
Emsworth
Leigh Park
Isle of Wight
Ryde
Cowes
Sandown
Shanklin
Ventnor
*Deal
*Sandwich
New Romney
Tenterden
Swanley
Snodland
Strood
Sheerness
Isle of Sheppey | Sheppey
Northfleet
Swanscombe
Medway
*Stroud
Tewkesbury
Cirencester
Dursley
Lydney
Cinderford
Chippenham
Trowbridge
Melksham
Devizes
Calne
Corsham
Warminster
Westbury
*Marlborough
Royal Wootton Bassett | Wootton Bassett
Amesbury
Frome
Shepton Mallet
*Wells
Glastonbury
*Street
Burnham-on-Sea | Burnham on Sea
Minehead
*Chard
Crewkerne
Clevedon
Portishead
Nailsea
Keynsham
Midsomer Norton
Radstock
Yate
Chipping Sodbury
Thornbury
Kingswood
Filton
Bradley Stoke
Dorchester
Bridport
Lyme Regis
Swanage
Wareham
Wimborne Minster | Wimborne
Ferndown
Christchurch
Verwood
Blandford Forum | Blandford
Shaftesbury
Sherborne
*Portland
Tiverton
Cullompton
Honiton
Sidmouth
Seaton
Crediton
Okehampton
Tavistock
Ivybridge
Kingsbridge
Dartmouth
Brixham
Teignmouth
Dawlish
Ilfracombe
Great Torrington | Torrington
South Molton
Camborne
Redruth
Hayle
Helston
Bodmin
Liskeard
Launceston
Saltash
Torpoint
Wadebridge
Padstow
Bude
Looe
Penryn
"""

_WALES = """
Cardiff | Caerdydd
Swansea | Abertawe
Newport | Casnewydd
Wrexham | Wrecsam
Bangor
Caernarfon | Caernarvon
Holyhead | Caergybi
Llangefni
Amlwch
Menai Bridge | Porthaethwy
Beaumaris
Pwllheli
Porthmadog | Portmadoc
Criccieth
Blaenau Ffestiniog | Ffestiniog
Dolgellau
Bala
Tywyn
Barmouth | Abermaw
Llandudno
Llandudno Junction
Conwy
Colwyn Bay | Bae Colwyn
Abergele
Rhyl
Prestatyn
Penmaenmawr
Llanfairfechan
Denbigh | Dinbych
Ruthin | Rhuthun
St Asaph | St. Asaph | Llanelwy
*Flint | Y Fflint
Holywell | Treffynnon
*Mold | Yr Wyddgrug
*Buckley
Connah's Quay | Connahs Quay | Cei Connah
Shotton
Saltney
Rhosllanerchrugog | Rhos
Chirk
Llangollen
Welshpool | Y Trallwng
Newtown | Y Drenewydd
Llanidloes
Machynlleth
Llandrindod Wells | Llandrindod
Builth Wells | Builth
Knighton
Hay-on-Wye | Hay on Wye
Brecon | Aberhonddu
Ystradgynlais
Crickhowell
Aberystwyth
*Cardigan | Aberteifi
Lampeter | Llanbedr Pont Steffan
Aberaeron
Carmarthen | Caerfyrddin
Llanelli | Llanelly
Burry Port | Porth Tywyn
Ammanford | Rhydaman
Kidwelly | Cydweli
Llandeilo
Llandovery | Llanymddyfri
Whitland
St Clears | St. Clears
Haverfordwest | Hwlffordd
Milford Haven | Aberdaugleddau
*Pembroke | Penfro
Pembroke Dock | Doc Penfro
Tenby | Dinbych-y-pysgod
Fishguard | Abergwaun
Narberth | Arberth
Neyland
Saundersfoot
Gorseinon
Pontarddulais
Clydach
Morriston | Treforys
*Mumbles
Neath | Castell-nedd
Port Talbot
Pontardawe
Glynneath
Briton Ferry
Bridgend | Pen-y-bont ar Ogwr
Maesteg
Porthcawl
Pencoed
*Barry | Y Barri
Penarth
Llantwit Major
Cowbridge
Dinas Powys
Rhondda
Pontypridd
Porth
Tonypandy
Treorchy | Treorci
Ferndale
Tonyrefail
Llantrisant
Talbot Green
Pontyclun
Mountain Ash | Aberpennar
Aberdare | Aberdar
Merthyr Tydfil | Merthyr | Merthyr Tudful
Treharris
Caerphilly | Caerffili
Bargoed
*Blackwood
Ystrad Mynach
Risca
Newbridge
Rhymney
Ebbw Vale | Glynebwy
Tredegar
Brynmawr
Abertillery
Blaenavon
Pontypool
Cwmbran
Abergavenny | Y Fenni
Monmouth | Trefynwy
Chepstow | Cas-gwent
Caldicot
Usk
Caerleon
Rogerstone
"""

_SCOTLAND = """
Glasgow
Edinburgh
Aberdeen
Dundee
Perth
Inverness
*Stirling
*Paisley
East Kilbride
*Livingston
*Hamilton
Cumbernauld
Dunfermline
Kirkcaldy
Ayr
Kilmarnock
Coatbridge
Glenrothes
Airdrie
Falkirk
*Irvine
Dumfries
Motherwell
Rutherglen
Wishaw
Cambuslang
Bearsden
Clydebank
Newton Mearns
*Renfrew
Musselburgh
Arbroath
Bishopbriggs
Greenock
Kirkintilloch
Lenzie
Elgin
Bellshill
Dumbarton
Peterhead
Bathgate
Barrhead
Grangemouth
Kilwinning
Blantyre
Penicuik
Larkhall
*Erskine
*Johnstone
Bonnyrigg
Alloa
Uddingston
Port Glasgow
Dalkeith
Stenhousemuir
Larbert
Fraserburgh
Montrose
Forfar
Inverurie
Carluke
Stevenston
Saltcoats
Ardrossan
Troon
Prestwick
Bo'ness | Boness
Largs
Gourock
Westhill
Cowdenbeath
Lochgelly
Linlithgow
Stonehaven
Portlethen
Helensburgh
Broxburn
Dunblane
Bridge of Allan
Lanark
Kilsyth
Milngavie
St Andrews | St. Andrews
Clarkston
Giffnock
Whitburn
Armadale
*Alexandria
Haddington
Tranent
Prestonpans
North Berwick
*Dunbar
Carnoustie
Monifieth
Broughty Ferry
Brechin
Kirriemuir
Hawick
Galashiels
*Selkirk
Peebles
*Kelso
Jedburgh
*Melrose
Eyemouth
*Duns
Oban
Fort William
Dunoon
Campbeltown
Rothesay
Lochgilphead
Thurso
*Wick
Kirkwall
Lerwick
Stornoway
Portree
Dingwall
Alness
Invergordon
Tain
Aviemore
Nairn
Forres
Lossiemouth
Buckie
*Keith
*Huntly
Banff
*Macduff
Ellon
Turriff
Banchory
Crieff
Auchterarder
Blairgowrie
Pitlochry
Kinross
Cupar
*Leven
Methil
Buckhaven
Burntisland
Kinghorn
Inverkeithing
Rosyth
Dalgety Bay
Kelty
*Denny
Bonnybridge
Polmont
Tillicoultry
Alva
*Callander
South Queensferry | Queensferry
Loanhead
Gorebridge
Newtongrange
*Annan
Lockerbie
*Moffat
Castle Douglas
Kirkcudbright
Dalbeattie
Newton Stewart
Stranraer
Girvan
Maybole
Cumnock
Stewarton
Kilbirnie
Beith
Dalry
Galston
Strathaven
Lesmahagow
Shotts
*Biggar
Linwood
Bishopton
*Houston
"""

_NORTHERN_IRELAND = """
Belfast
Derry | Londonderry
Lisburn
Newry
Craigavon
Lurgan
Portadown
Ballymena
Newtownabbey
Glengormley
Carrickfergus
Coleraine
Omagh
Enniskillen
Larne
Antrim
Armagh
Dungannon
Coalisland
Strabane
Cookstown
Magherafelt
Newtownards
Comber
Holywood
Donaghadee
Banbridge
Dromore
Downpatrick
Ballynahinch
Carryduff
Dundonald
Limavady
Ballymoney
Ballycastle
Ballyclare
Randalstown
Crumlin
Portrush
Portstewart
Kilkeel
Warrenpoint
"""


def _parse(block: str) -> tuple[tuple[str, tuple[str, ...], bool], ...]:
    places = []
    for line in block.strip().splitlines():
        ambiguous = line.startswith("*")
        names = [name.strip() for name in line.lstrip("*").split("|")]
        places.append((names[0], tuple(names), ambiguous))
    return tuple(places)


#: Spellings never taken in lower case (also everyday words: ``stoke the fire``).
NOT_IN_LOWER_CASE: frozenset[str] = frozenset(
    {
        "stoke",
        "kingston",
        "hove",
        "dover",
        "stratford",
        "slough",
        "archway",
        "epsom",
        "maidenhead",
        "comber",
    }
)

#: ``(canonical name, every spelling, needs a placing word)`` for each place.
TOWNS: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    _parse(_ESSEX)
    + _parse(_LONDON)
    + _parse(_UK)
    + _parse(_ENGLAND)
    + _parse(_WALES)
    + _parse(_SCOTLAND)
    + _parse(_NORTHERN_IRELAND)
)
